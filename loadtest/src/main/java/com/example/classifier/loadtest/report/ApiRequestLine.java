package com.example.classifier.loadtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One upload's line in the api's request log, as loadtest/run.sh keeps them ({@code api-requests.log}):
 * "2026-11-30T16:02:09.964Z  INFO [job 5f0c…] … request : POST /predict 200 1945 ms (upload read in 79 ms)". The
 * job's id is there once the upload was queued; the part in brackets only when the body was read whole.
 *
 * @param at the line's timestamp (when the response was final), as logged
 * @param jobId the job's id; null when the request queued none
 * @param status the HTTP status
 * @param millis the request's whole time at the api
 * @param uploadMs how long its body took to arrive; -1 when it was not read whole
 */
record ApiRequestLine(String at, String jobId, int status, long millis, long uploadMs) {

	private static final Pattern LINE = Pattern.compile("^(\\S+)\\s(?:.*\\[job ([\\w-]+)\\])?.*request\\s+: "
			+ "POST /predict(?:\\?\\S*)? (\\d{3}) (\\d+) ms(?: \\(upload read in (\\d+) ms\\))?");

	/** The uploads' lines among these; others are skipped. */
	static List<ApiRequestLine> all(List<String> lines) {
		List<ApiRequestLine> uploads = new ArrayList<>();
		for (String line : lines) {
			Matcher matcher = LINE.matcher(line);
			if (matcher.find()) {
				uploads.add(new ApiRequestLine(matcher.group(1), matcher.group(2), Integer.parseInt(matcher.group(3)),
						Long.parseLong(matcher.group(4)),
						(matcher.group(5) != null) ? Long.parseLong(matcher.group(5)) : -1));
			}
		}
		return List.copyOf(uploads);
	}

	boolean uploadReadWhole() {
		return this.uploadMs >= 0;
	}

}
