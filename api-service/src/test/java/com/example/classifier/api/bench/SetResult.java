package com.example.classifier.api.bench;

import java.util.Map;

/**
 * One photo set's figures from one run, and the ratios of issue 17's targets between them and the engine alone.
 *
 * @param imgPerSec end-to-end images/s under the saturating closed loop
 * @param p50Ms median end-to-end time of one request at a time (socket client)
 */
record SetResult(double imgPerSec, double p50Ms) {

	static void print(Map<PhotoSet.Kind, SetResult> results, EngineAlone alone) {
		System.out.printf("%n== summary (engine alone: %.2f img/s)%n", alone.imgPerSec());
		results.forEach((kind, result) -> System.out.printf(
				"%s photos: end-to-end %.2f img/s, e2e ÷ engine alone %.2f, single-request p50 %.1f ms%n", kind,
				result.imgPerSec(), result.imgPerSec() / alone.imgPerSec(), result.p50Ms()));
		SetResult small = results.get(PhotoSet.Kind.SMALL);
		SetResult phone = results.get(PhotoSet.Kind.PHONE);
		if (small != null && phone != null) {
			System.out.printf("phone ÷ small: img/s %.2f (target ≥ 0.80); p50 phone − small %+.1f ms (target ≤ +20)%n",
					phone.imgPerSec() / small.imgPerSec(), phone.p50Ms() - small.p50Ms());
		}
		if (small != null) {
			System.out.printf("small photos, e2e ÷ engine alone %.2f (target ≥ 0.85)%n",
					small.imgPerSec() / alone.imgPerSec());
		}
	}

}
