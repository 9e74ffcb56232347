package no.examhub.event;

import java.time.Instant;

/**
 * A consumer acknowledged (deleted) one message of Metrica's results-event queue for good.
 *
 * @param messageId {@code partition-offset} of the results event on {@code examhub.raw.metrica}
 * @param clientId the bearer client that acknowledged it, for the audit trail
 */
public record MetricaQueueAck(String messageId, String clientId, Instant acknowledgedAt) {}
