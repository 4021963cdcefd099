package com.example.classifier.api.feedback;

/**
 * The JSON answer of {@code POST /feedback}.
 *
 * @param success always true here; failures are problem details with {@code success: false}
 * @param id stream entry id of the stored report (of the earlier one for a duplicate)
 * @param duplicate true when this job or photo had been reported before and nothing new was stored
 */
record FeedbackReceipt(boolean success, String id, boolean duplicate) {
}
