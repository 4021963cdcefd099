package com.example.classifier.loadtest;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.ByteArrayBodyPart;
import static io.gatling.javaapi.http.HttpDsl.StringBodyPart;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * The seed's Locust user, in Gatling: on start {@code GET /}; then, until the test ends, {@code POST /predict} (weight
 * 10) or {@code POST /feedback} (weight 1), each followed by a random wait of 1–5 s. Users start at the spawn rate
 * until all run, then all keep going for the hold time and stop together, as a Locust run stopped by hand does.
 *
 * <p>
 * Besides Gatling's own report, every request goes to requests.csv and the services' metrics to samples.csv (see
 * {@link RequestLog}, {@link MetricsSampler}); the stress-test report is made from those. Settings:
 * {@link LoadSettings}. With a model mix ({@code LOADTEST_MODELS=resnet50=0.7,mobilenetv2=0.3}) each upload carries
 * the multipart field {@code model}, drawn from the mix, and requests.csv tags the request with it, so that the
 * report gives each model's own figures (issue #18).
 */
public class SeedUserSimulation extends Simulation {

	private static final String STATUS = "status";

	private static final String RESPONSE_MS = "responseMs";

	private static final String STARTED = "startedAt";

	/** The model an upload asks for: set with its photo, read when the request is logged, removed after it. */
	private static final String MODEL = "model";

	private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(90);

	private final LoadSettings settings = LoadSettings.fromEnvironment();

	private final UniqueImages images = UniqueImages.fromFolder(this.settings.images(), this.settings.uniqueUploads());

	private final AtomicInteger activeUsers = new AtomicInteger();

	/** Requests sent and not answered yet: those still open when Gatling stops are failures the log must show. */
	private final AtomicInteger inFlight = new AtomicInteger();

	private final RequestLog requests = new RequestLog(this.settings.output().resolve("requests.csv"));

	private final MetricsSampler sampler = new MetricsSampler(this.settings.apiMetrics(), this.settings.modelMetrics(),
			java.util.List.of(this.settings.apiPids(), this.settings.modelPids(), this.settings.redisPids()),
			this.activeUsers::get, this.requests, this.settings.output().resolve("samples.csv"),
			this.settings.operatorToken());

	/** When users stop starting new tasks: set in {@link #before()}, when injection begins. */
	private volatile long endAt = Long.MAX_VALUE;

	{
		HttpProtocolBuilder protocol = http.baseUrls(this.settings.baseUrls())
			// Not Gatling's own warm-up request: the first request of a test is part of the test.
			.disableWarmUp()
			.acceptHeader("application/json, text/html;q=0.9")
			.userAgentHeader("image-classifier-loadtest");

		HttpRequestActionBuilder upload = http("POST /predict").post("/predict")
			.bodyPart(ByteArrayBodyPart("file", (session) -> session.<byte[]>get("photo"))
				.fileName((session) -> session.getString("photoName"))
				.contentType((session) -> session.getString("photoType")));
		if (!this.settings.models().isEmpty()) {
			// Without a mix no field at all: the request is exactly what a client before several models sent.
			upload = upload.bodyPart(StringBodyPart(MODEL, (session) -> session.getString(MODEL)));
		}
		ChainBuilder predict = exec(this::nextPhoto).exec(measured("POST /predict", upload.asMultipartForm()
			.check(jsonPath("$.filename").optional().saveAs("filename"),
					jsonPath("$.prediction").optional().saveAs("prediction"),
					jsonPath("$.score").optional().saveAs("score"),
					jsonPath("$.cached").optional().saveAs("cached"))))
			.exec((session) -> session.remove("photo").remove(MODEL));

		// Feedback exactly as the seed's Locust user sends it: the form field 'report' holding a Python-dict string
		// about a file named 'test', which this service does not know (it stores it, marked known: false).
		ChainBuilder feedback = exec(measured("POST /feedback", http("POST /feedback").post("/feedback")
			.formParam("report", SEED_REPORT)));

		ScenarioBuilder user = scenario("seed user")
			.exec((session) -> {
				this.activeUsers.incrementAndGet();
				return session;
			})
			.exec(measured("GET /", http("GET /").get("/").header("Accept", "text/html")))
			.exec(asLongAs((session) -> System.currentTimeMillis() < this.endAt)
				.on(randomSwitch().on(percent(100.0 * 10 / 11).then(predict), percent(100.0 * 1 / 11).then(feedback))
					.pause(Duration.ofSeconds(1), Duration.ofSeconds(5))))
			.exec((session) -> {
				this.activeUsers.decrementAndGet();
				return session;
			});

		Duration ramp = this.settings.ramp();
		setUp(user.injectOpen(rampUsers(this.settings.users()).during(ramp))).protocols(protocol)
			// Bounded whatever happens: a request sent at the end of the hold gets its answer or its client timeout
			// in the margin; any still open then is counted as unanswered.
			.maxDuration(ramp.plus(this.settings.hold()).plus(CLIENT_TIMEOUT).plusSeconds(5));
	}

	@Override
	public void before() {
		long start = System.currentTimeMillis();
		this.endAt = start + this.settings.ramp().plus(this.settings.hold()).toMillis();
		// The report measures over this window: from the first user to the moment users stop starting tasks.
		writeWindow("start_ms=" + start + "\nend_ms=" + this.endAt + "\n", false);
		this.sampler.start();
	}

	@Override
	public void after() {
		this.sampler.close();
		writeWindow("unanswered=" + this.inFlight.get() + "\n", true);
	}

	private void writeWindow(String lines, boolean append) {
		try {
			Files.writeString(this.settings.output().resolve("window.properties"), lines,
					append ? new java.nio.file.OpenOption[] { java.nio.file.StandardOpenOption.APPEND }
							: new java.nio.file.OpenOption[0]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Wraps a request so its outcome reaches requests.csv: status and Gatling's response time from checks; a request
	 * that got no response at all (no check ran) is logged with status 0 and the time it took to fail.
	 */
	private ChainBuilder measured(String endpoint, HttpRequestActionBuilder request) {
		return exec((session) -> {
			this.inFlight.incrementAndGet();
			return session.remove(STATUS).remove(RESPONSE_MS).remove("cached").set(STARTED, System.currentTimeMillis());
		})
			// Gatling gives up after 60 s by default; the seed's users waited minutes. 90 s still sees every answer
			// the api gives before its own 30 s timeout, on a starved machine too.
			.exec(request.requestTimeout(CLIENT_TIMEOUT)
				.check(status().saveAs(STATUS), responseTimeInMillis().saveAs(RESPONSE_MS))
				// Gatling counts these as KO in its own report too; the 503s of backpressure are expected.
				.check(status().in(200, 201)))
			.exec((session) -> {
				long started = session.getLong(STARTED);
				int status = session.contains(STATUS) ? session.getInt(STATUS) : 0;
				long millis = session.contains(RESPONSE_MS) ? session.getInt(RESPONSE_MS)
						: System.currentTimeMillis() - started;
				boolean cached = "true".equals(session.getString("cached"));
				this.requests.record(started, endpoint, status, millis, cached,
						session.contains(MODEL) ? session.getString(MODEL) : null);
				this.inFlight.decrementAndGet();
				// A failed request does not stop the user: the seed's users kept going too.
				return session.markAsSucceeded();
			});
	}

	private Session nextPhoto(Session session) {
		UniqueImages.Photo photo = this.images.next();
		Session withPhoto = session.set("photo", photo.bytes()).set("photoName", photo.name())
			.set("photoType", photo.contentType());
		String model = this.settings.models().pick(ThreadLocalRandom.current().nextDouble());
		return (model != null) ? withPhoto.set(MODEL, model) : withPhoto;
	}

	/** The seed's locustfile.py, feedback_post: {@code data = {"report": "{'filename': 'test', ...}"}}. */
	static final String SEED_REPORT = "{'filename': 'test', 'prediction': 'angora_cat', 'score': 0.95 }";

}
