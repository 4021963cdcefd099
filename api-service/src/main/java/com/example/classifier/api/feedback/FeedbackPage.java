package com.example.classifier.api.feedback;

import java.util.List;

/**
 * One page of {@code GET /feedback}, oldest first.
 *
 * @param items the reports
 * @param next cursor for the following page ({@code ?after=<next>}); null on the last page
 */
public record FeedbackPage(List<FeedbackEntry> items, String next) {
}
