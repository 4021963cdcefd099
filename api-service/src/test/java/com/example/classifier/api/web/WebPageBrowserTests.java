package com.example.classifier.api.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.example.classifier.api.system.ApiClient;
import com.example.classifier.api.system.ModelWorkers;
import com.example.classifier.common.test.RedisServerExtension;
import com.example.classifier.common.test.Fixtures;
import com.example.classifier.common.test.Prerequisites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's visit, in a real headless Chromium driven by Selenium, against the running api-service with a real
 * model-service process (DL4J, the shared MobileNetV2) and a real redis-server. Screenshots of the pages go to
 * {@code target/screenshots/}.
 */
@ExtendWith(RedisServerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "queue.request-timeout=90s", "upload.dir=${java.io.tmpdir}/browser-it-uploads",
				"operator.token=" + ApiClient.OPERATOR_TOKEN })
@ModelWorkers("browser-model")
class WebPageBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final List<Path> profiles = new ArrayList<>();

	private static final List<WebDriver> drivers = new ArrayList<>();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		RedisServerExtension.registerProperties(registry);
	}

	@BeforeAll
	static void browserInstalled() {
		Prerequisites.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				() -> "Chromium or ChromeDriver is not installed (Debian packages chromium and chromium-driver, which "
						+ ".ci/run installs)");
	}

	@AfterAll
	static void stopEverything() throws IOException {
		drivers.forEach(WebDriver::quit);
		drivers.clear();
		for (Path profile : profiles) {
			try (Stream<Path> files = Files.walk(profile)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
		profiles.clear();
	}

	@Test
	void aPersonClassifiesADogPhotoAndReportsTheAnswer() throws IOException {
		WebDriver browser = browser(true);
		browser.get(url("/"));

		browser.findElement(By.id("file")).sendKeys(Fixtures.image("dog.jpg").toString());
		// The preview comes from the page's own script: it ran, under a CSP with no inline scripts.
		WebElement preview = browser.findElement(By.id("preview"));
		waitFor(browser, Duration.ofSeconds(10)).until((page) -> preview.isDisplayed() && naturalWidth(page, preview) > 0);
		browser.findElement(By.id("classify-button")).click();

		waitFor(browser, Duration.ofSeconds(120)).until((page) -> !page.findElements(By.id("prediction")).isEmpty());
		assertThat(browser.findElement(By.id("prediction")).getText()).isEqualTo("malamute");
		assertThat(browser.findElement(By.id("score")).getText()).matches("\\d{1,3}\\.\\d %");
		assertThat(browser.findElements(By.cssSelector(".top li"))).hasSize(5);
		WebElement photo = browser.findElement(By.id("uploaded-photo"));
		waitFor(browser, Duration.ofSeconds(10)).until((page) -> naturalWidth(page, photo) > 0);
		assertThat(naturalWidth(browser, photo)).isEqualTo(768);
		assertThat(browser.findElement(By.id("report-button")).getCssValue("background-color"))
			.as("the external stylesheet applies")
			.isEqualTo("rgba(179, 38, 30, 1)");
		String filename = photo.getDomAttribute("src").substring("/display/".length());
		screenshot(browser, "result-page.png");

		browser.findElement(By.id("correct-label")).sendKeys("Siberian husky");
		browser.findElement(By.id("report-button")).click();
		waitFor(browser, Duration.ofSeconds(20))
			.until((page) -> page.findElements(By.cssSelector(".message.notice")).stream()
				.anyMatch((notice) -> notice.getText().contains("Thank you! Your report was saved")));
		screenshot(browser, "report-confirmed.png");

		JsonNode reports = new ApiClient(this.port, ApiClient.OPERATOR_TOKEN).getJson("/feedback?size=500")
			.body()
			.get("items");
		assertThat(reports).anySatisfy((report) -> {
			assertThat(report.get("filename").asString()).isEqualTo(filename);
			assertThat(report.get("prediction").asString()).isEqualTo("malamute");
			assertThat(report.get("correctLabel").asString()).isEqualTo("Siberian husky");
			assertThat(report.get("jobId").asString()).isNotBlank();
		});
		assertThat(cspViolations(browser)).isEmpty();
	}

	@Test
	void thePageWorksWithoutJavaScript() {
		WebDriver browser = browser(false);
		browser.get(url("/"));

		browser.findElement(By.id("file")).sendKeys(Fixtures.image("eagle.jpg").toString());
		assertThat(browser.findElement(By.id("preview")).isDisplayed()).as("no script, no preview").isFalse();
		browser.findElement(By.id("classify-button")).click();

		waitFor(browser, Duration.ofSeconds(120)).until((page) -> !page.findElements(By.id("prediction")).isEmpty());
		assertThat(browser.findElement(By.id("prediction")).getText()).isEqualTo("bald eagle");
	}

	@Test
	void aFileThatIsNotAPhotoIsExplainedOnThePage() throws IOException {
		Path notes = Files.createTempFile("notes-", ".jpg");
		Files.writeString(notes, "shopping list: milk, eggs");
		WebDriver browser = browser(true);
		browser.get(url("/"));

		browser.findElement(By.id("file")).sendKeys(notes.toString());
		browser.findElement(By.id("classify-button")).click();

		waitFor(browser, Duration.ofSeconds(20)).until((page) -> !page.findElements(By.cssSelector(".message.error")).isEmpty());
		assertThat(browser.findElement(By.cssSelector(".message.error")).getText())
			.contains("That file cannot be classified")
			.contains("The file is not an image");
		assertThat(browser.getPageSource()).doesNotContain("Whitelabel").doesNotContain("Exception");
		// The console log is read: the check for CSP violations in the first test would see them.
		assertThat(consoleMessages(browser)).anyMatch((message) -> message.contains("400"));
		screenshot(browser, "not-a-photo.png");
		Files.delete(notes);
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private static WebDriver browser(boolean javascript) {
		try {
			Path profile = Files.createTempDirectory("chromium-profile-");
			profiles.add(profile);
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM.toFile());
			// No network beyond loopback here: the background-networking flags stop Chromium's own calls home.
			options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--window-size=1280,1100", "--user-data-dir=" + profile);
			if (!javascript) {
				options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
			}
			options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(CHROMEDRIVER.toFile())
				.usingAnyFreePort()
				.build();
			WebDriver driver = new ChromeDriver(service, options);
			drivers.add(driver);
			return driver;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static WebDriverWait waitFor(WebDriver browser, Duration timeout) {
		return new WebDriverWait(browser, timeout);
	}

	private static long naturalWidth(WebDriver browser, WebElement image) {
		Object width = ((JavascriptExecutor) browser).executeScript("return arguments[0].naturalWidth;", image);
		return (width instanceof Number number) ? number.longValue() : 0;
	}

	private static List<String> cspViolations(WebDriver browser) {
		return consoleMessages(browser).stream()
			.filter((message) -> message.contains("Content Security Policy"))
			.toList();
	}

	private static List<String> consoleMessages(WebDriver browser) {
		return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
	}

	private static void screenshot(WebDriver browser, String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

}
