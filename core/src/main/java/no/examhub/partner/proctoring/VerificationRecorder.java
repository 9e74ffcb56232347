package no.examhub.partner.proctoring;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import no.examhub.event.RespondentVerification;
import no.examhub.event.Topics;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.ErrorContract;
import no.examhub.platform.http.RequestIds;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.RecordWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every verification on {@code examhub.verifications} and answers the vendor once the
 * broker has acknowledged the record. Waiting for the ack costs milliseconds against the vendor's
 * 60 s, and it means no respondent is let in (or turned away) without a durable trace to answer a
 * complaint with. No ack within the bound gives 503 with {@code Retry-After}: the vendor asks again.
 * The raw request is not stored: it carries the clear access code.
 */
final class VerificationRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(VerificationRecorder.class);

  private final RecordWriter producer;
  private final Duration ackTimeout;
  private final MeterRegistry registry;
  private final Clock clock;

  VerificationRecorder(RecordWriter producer, Duration ackTimeout, MeterRegistry registry, Clock clock) {
    this.producer = producer;
    this.ackTimeout = ackTimeout;
    this.registry = registry;
    this.clock = clock;
  }

  void recordThenAnswer(Context ctx, String institution, String examId, RespondentVerifier.Outcome outcome,
      VerifyAnswer answer, long startedNanos) {
    String reason = outcome.rejection() == null ? null : outcome.rejection().name();
    RespondentVerification record = new RespondentVerification(institution, examId, outcome.candidateId(),
        outcome.admitted() != null, reason, clock.instant(), RequestIds.of(ctx));
    byte[] body = Json.bytes(answer);
    ctx.future(() -> producer.send(Topics.VERIFICATIONS, institution + "/" + examId, record)
        .orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle((metadata, error) -> {
          if (error == null) {
            count(reason == null ? "accepted" : reason);
            latency(reason == null ? "admitted" : "rejected", startedNanos);
            ctx.status(200).contentType("application/json").result(body);
          } else {
            LOG.warn("broker did not acknowledge verification {} within {}: {}", record.requestId(), ackTimeout,
                error.toString());
            count("unrecorded");
            latency("unrecorded", startedNanos);
            ctx.header("Retry-After", Long.toString(Math.max(1, ackTimeout.toSeconds())));
            ErrorContract.write(ctx, ErrorCode.BACKEND_DOWN, ErrorCode.BACKEND_DOWN.message());
          }
          return null;
        }));
  }

  /** The vendor waits on this answer (at most 60 s): its latency, with a histogram for p99. */
  private void latency(String outcome, long startedNanos) {
    Timer.builder("examhub.proctoring.verify")
        .description("verify_respondent answer latency, from request to answer, by outcome")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(60))
        .register(registry)
        .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
  }

  private void count(String outcome) {
    Counter.builder("examhub.proctoring.verifications")
        .description("verify_respondent answers, by outcome (accepted or the rejection reason)")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }
}
