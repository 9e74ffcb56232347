package no.examhub.ops.alerts;

/** Where an aggregated message goes: Slack's incoming webhook, or a fake in tests. */
interface AlertSink {
  /** Delivers the text; false when it could not (the aggregator counts it, never retries). */
  boolean send(String text);

  /** False when there is nowhere to send to: alerts are then only logged and counted. */
  default boolean configured() {
    return true;
  }
}
