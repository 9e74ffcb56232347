package no.examhub.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import no.examhub.event.Partner;

/** Commands by partner, operation and outcome, with call latency; retries and dead letters. */
final class DispatchMetrics {
  private final MeterRegistry registry;
  private final String partner;

  DispatchMetrics(MeterRegistry registry, Partner partner) {
    this.registry = registry;
    this.partner = partner.id();
    // Registered at zero, so the first retry or dead letter is an increase Prometheus can see
    // (a counter that appears at 1 has no earlier sample to rise from).
    registry.counter("examhub.dispatch.retries", "partner", this.partner);
    registry.counter("examhub.dispatch.dead.letters", "partner", this.partner);
  }

  Timer.Sample startCall() {
    return Timer.start(registry);
  }

  void called(Timer.Sample sample, String operation, String outcome) {
    sample.stop(Timer.builder("examhub.dispatch.calls")
        .description("Partner calls by partner, operation and outcome")
        .tags("partner", partner, "operation", operation, "outcome", outcome)
        .publishPercentileHistogram()
        .register(registry));
  }

  void alreadyDone(String operation) {
    Counter.builder("examhub.dispatch.already.done").description("Commands skipped because their execution was recorded")
        .tags("partner", partner, "operation", operation).register(registry).increment();
  }

  void retried() {
    registry.counter("examhub.dispatch.retries", "partner", partner).increment();
  }

  void deadLettered() {
    registry.counter("examhub.dispatch.dead.letters", "partner", partner).increment();
  }

  /** The store or broker failed around a command; it is tried again in place. */
  void infrastructureFailure() {
    registry.counter("examhub.dispatch.infrastructure.failures", "partner", partner).increment();
  }

  /** An offset commit lost to a rebalance; the partition's new owner goes on from the last commit. */
  void commitFailed() {
    registry.counter("examhub.dispatch.commit.failures", "partner", partner).increment();
  }

  /** A change the partner applied whose answer could not be read: someone must check the partner's side. */
  void resultUnknown(String operation) {
    Counter.builder("examhub.dispatch.unknown.results")
        .description("Commands the partner applied (2xx) whose answer could not be read")
        .tags("partner", partner, "operation", operation).register(registry).increment();
  }

  void unreadable() {
    registry.counter("examhub.dispatch.unreadable", "partner", partner).increment();
  }
}
