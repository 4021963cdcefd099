package com.example.classifier.api.web;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.example.classifier.api.feedback.FeedbackService;
import com.example.classifier.api.models.ModelRouter;
import com.example.classifier.api.predict.ClassificationService;
import com.example.classifier.api.predict.ModelComparison;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The web page: choose a photo, see what the model thinks it is, report a wrong answer. Works without JavaScript; the
 * page's script only adds drag-and-drop and a preview. Errors are shown on the page by {@link WebErrorHandler}.
 */
@Controller
class WebController {

	static final String PAGE = "index";

	static final String REDIRECT_NO_PHOTO = "redirect:/?photo=missing";

	private final ClassificationService classifications;

	private final FeedbackService feedback;

	private final ModelRouter router;

	private final ModelComparison comparison;

	WebController(ClassificationService classifications, FeedbackService feedback, ModelRouter router,
			ModelComparison comparison) {
		this.classifications = classifications;
		this.feedback = feedback;
		this.router = router;
		this.comparison = comparison;
	}

	/** The page; {@code ?photo=missing} after a post without a photo (post/redirect/get, no session to flash in). */
	@GetMapping("/")
	ModelAndView page(@RequestParam(name = "photo", required = false) String photo) {
		return "missing".equals(photo)
				? new ModelAndView(PAGE, Map.of("errorTitle", "No photo", "error", "Please choose a photo first."))
				: new ModelAndView(PAGE);
	}

	/**
	 * {@code POST /} that is not a multipart form (no body, no content type: the seed's {@code test_index} sends
	 * this): back to the page with the message, which ends on a 200 page as the seed's redirect and flash did.
	 */
	@PostMapping("/")
	String noPhoto() {
		return REDIRECT_NO_PHOTO;
	}

	/**
	 * Waits for the answer without holding a servlet thread, as {@code POST /predict} does; by the model the picker
	 * chose (none = the default), or, with the compare box ticked, by every live model (up to four) side by side.
	 */
	@PostMapping(path = "/", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	CompletableFuture<ModelAndView> classify(@RequestParam("file") MultipartFile file,
			@RequestParam(name = "model", required = false) String model,
			@RequestParam(name = "compare", required = false) String compare)
			throws IOException, MissingServletRequestPartException {
		// A form submitted with no photo chosen sends an empty part: the same mistake as sending none.
		if (file.isEmpty() && !StringUtils.hasText(file.getOriginalFilename())) {
			throw new MissingServletRequestPartException("file");
		}
		if (compare != null) {
			return this.comparison.compare(file.getBytes(), this.router.liveForComparison())
				.thenApply((answers) -> new ModelAndView(PAGE,
						Map.of("comparison", answers.stream().map(ResultView::of).toList())));
		}
		return this.classifications.classify(file.getBytes(), this.router.route(model))
			.thenApply((classification) -> new ModelAndView(PAGE, Map.of("result", ResultView.of(classification))));
	}

	@PostMapping(path = "/feedback", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ModelAndView report(@RequestParam("report") String report,
			@RequestParam(name = "correctLabel", required = false) String correctLabel) {
		FeedbackService.Recorded recorded = this.feedback.recordReport(report, correctLabel);
		String notice = recorded.created() ? "Thank you! Your report was saved and will help improve the model."
				: "This photo had already been reported. Thank you!";
		// A form's report is stored whatever it says, known photo or not; only an empty one gets a message instead.
		return new ModelAndView(PAGE, Map.of("notice", notice));
	}

}
