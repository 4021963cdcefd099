package com.example.classifier.loadtest.report;

/**
 * One request of requests.csv (see {@code RequestLog}).
 *
 * @param model the model the request asked for, "" when it named none (and in the files of runs before the column)
 */
public record RequestRecord(long startMs, String endpoint, int status, long responseMs, boolean cached,
		String model) {

	public static final String PREDICT = "POST /predict";

	static RequestRecord parse(String line) {
		String[] f = line.split(",");
		return new RequestRecord(Long.parseLong(f[0]), f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]),
				"1".equals(f[4]), (f.length > 5) ? f[5] : "");
	}

	public long endMs() {
		return this.startMs + this.responseMs;
	}

	public boolean ok() {
		return this.status >= 200 && this.status < 300;
	}

	public boolean isPredict() {
		return PREDICT.equals(this.endpoint);
	}

	/** How the report groups failures: what a user saw. */
	public String failureKind() {
		if (ok()) {
			return null;
		}
		return switch (this.status) {
			case 0 -> "no response";
			case 503 -> "503 busy (backpressure)";
			case 504 -> "504 timeout";
			default -> (this.status >= 500) ? this.status + " server error" : this.status + " client error";
		};
	}

}
