package no.examhub.platform.config;

import java.time.Duration;

/**
 * How long Examhub keeps what it holds about candidates (docs/operations.md, "Personal data").
 *
 * @param heldEventExpiry how long an Inspera case event waits for its case before it is dropped
 * @param closedCaseRetention how long a closed case stays in {@code case-store} after its last change
 * @param rosterRetention how long a roster entry is kept after its last upload
 * @param recordRetention how long {@code audit_log}, {@code command_executions} and
 *     {@code webhook_deliveries} documents are kept
 * @param checkInterval how often each of these is checked
 */
public record Retention(Duration heldEventExpiry, Duration closedCaseRetention, Duration rosterRetention,
    Duration recordRetention, Duration checkInterval) {}
