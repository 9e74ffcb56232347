package no.examhub.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import no.examhub.event.Command;
import no.examhub.event.FailedCommand;
import no.examhub.event.Outcome;
import no.examhub.event.Result;
import no.examhub.event.Topics;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.platform.kafka.Topic;
import no.examhub.platform.logging.Redaction;
import no.examhub.platform.process.SupervisedLoop;
import no.examhub.platform.streams.DeadLetter;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one partner's commands, from its command topic and its retry topic. Exactly once
 * in effect: the execution record is checked before the call and written as soon as the partner
 * answers; the command id travels as the Idempotency-Key for the one repeat a crash between the
 * two can cause. A retry waits on the retry topic (its partition paused until it is due), never
 * in a sleep that would hold up the commands behind it.
 */
public final class CommandWorker implements SupervisedLoop.Body {
  private static final Logger LOG = LoggerFactory.getLogger(CommandWorker.class);
  static final String ATTEMPT_HEADER = "examhub-attempt";
  static final String NOT_BEFORE_HEADER = "examhub-not-before";
  private static final Duration INFRASTRUCTURE_PAUSE = Duration.ofSeconds(2);
  private static final Duration MAX_IN_PLACE_PAUSE = Duration.ofSeconds(10);
  private static final Duration STOPPING_GRACE = Duration.ofSeconds(5);

  private final PartnerHandler handler;
  private final KafkaConsumer<String, byte[]> consumer;
  private final DurableProducer producer;
  private final Executions executions;
  private final AuditLog audit;
  private final RetryPolicy retry;
  private final DeadLetterListener deadLetters;
  private final DispatchMetrics metrics;
  private final Clock clock;
  private final Topic<String, Command> mainTopic;
  private final Topic<String, Command> retryTopic;
  private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
  private volatile boolean running = true;

  CommandWorker(PartnerHandler handler, KafkaConsumer<String, byte[]> consumer, DurableProducer producer,
      Executions executions, AuditLog audit, RetryPolicy retry, DeadLetterListener deadLetters,
      MeterRegistry registry, Clock clock) {
    this.handler = handler;
    this.consumer = consumer;
    this.producer = producer;
    this.executions = executions;
    this.audit = audit;
    this.retry = retry;
    this.deadLetters = deadLetters;
    this.metrics = new DispatchMetrics(registry, handler.partner());
    this.clock = clock;
    this.mainTopic = Topics.commandsFor(handler.partner());
    this.retryTopic = Topics.retryOf(handler.partner());
  }

  @Override
  public void run() {
    consumer.subscribe(List.of(mainTopic.name(), retryTopic.name()), new ForgetPausesOnRevoke());
    try {
      while (running) {
        resumeDuePartitions();
        var records = consumer.poll(Duration.ofMillis(200));
        for (TopicPartition tp : records.partitions()) {
          processPartition(tp, records.records(tp));
        }
      }
    } catch (WakeupException stopping) {
      // close() woke the consumer up; anything else escapes to the supervisor, which builds a new worker.
    } finally {
      consumer.close();
    }
  }

  private void processPartition(TopicPartition tp, List<ConsumerRecord<String, byte[]>> records) {
    Long done = null;
    for (ConsumerRecord<String, byte[]> r : records) {
      long notBefore = longHeader(r, NOT_BEFORE_HEADER, 0);
      if (notBefore > clock.millis()) {
        holdAt(tp, r.offset(), notBefore);
        break;
      }
      try {
        handle(r);
      } catch (WakeupException stopping) {
        throw stopping;
      } catch (RuntimeException e) {
        // The store or the broker failed around this record: hold the partition at it and try it
        // again shortly, rather than skip it or let the worker die.
        metrics.infrastructureFailure();
        LOG.warn("command at {}-{}@{} could not be completed, retrying it in {}: {}", r.topic(), r.partition(),
            r.offset(), INFRASTRUCTURE_PAUSE, Redaction.redact(e.toString()));
        holdAt(tp, r.offset(), clock.millis() + INFRASTRUCTURE_PAUSE.toMillis());
        break;
      }
      done = r.offset() + 1;
    }
    if (done != null) {
      commit(tp, done);
    }
  }

  private void holdAt(TopicPartition tp, long offset, long until) {
    consumer.pause(List.of(tp));
    consumer.seek(tp, offset);
    pausedUntil.put(tp, until);
  }

  /**
   * After a rebalance (another instance joining or leaving) the commit fails: the partition has
   * moved on, and its new owner reads from the last committed offset. Nothing is lost, and the
   * execution records keep it from being carried out twice, so the worker polls on.
   */
  private void commit(TopicPartition tp, long next) {
    try {
      consumer.commitSync(Map.of(tp, new OffsetAndMetadata(next)));
    } catch (CommitFailedException | RebalanceInProgressException e) {
      metrics.commitFailed();
      LOG.warn("offset commit for {} failed after a rebalance; its new owner goes on from the last commit: {}", tp,
          e.getClass().getSimpleName());
    }
  }

  private void handle(ConsumerRecord<String, byte[]> r) {
    Command c;
    try {
      c = mainTopic.valueSerde().deserializer().deserialize(r.topic(), r.value());
    } catch (RuntimeException unreadable) {
      LOG.warn("dead-lettering unreadable command at {}-{}@{}", r.topic(), r.partition(), r.offset());
      emit(Topics.DEAD_LETTERS, r.key(), new DeadLetter(r.topic(), r.partition(), r.offset(), r.key(),
          "dispatch-" + handler.partner().id(), "UNREADABLE_COMMAND", Redaction.redact(unreadable.getMessage()),
          r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8), clock.instant()));
      metrics.unreadable();
      return;
    }
    int attempt = (int) longHeader(r, ATTEMPT_HEADER, 1);
    try (CommandLogContext log = CommandLogContext.of(audit.environment(), c, r, attempt)) {
      carryOut(r, c, attempt, log);
    }
  }

  private void carryOut(ConsumerRecord<String, byte[]> r, Command c, int attempt, CommandLogContext log) {
    var earlier = executions.resultOf(c);
    if (earlier.isPresent()) {
      metrics.alreadyDone(c.operation());
      LOG.info("command {} already carried out; outcome sent again", c.operation());
      Executions.Execution done = earlier.get();
      emit(Topics.OUTCOMES, r.key(), done.resultUnknown()
          ? unknown(c, attempt, done.errorCode(), done.reason(), done.result())
          : outcome(c, true, attempt, null, null, done.result()));
      return;
    }
    Timer.Sample call = metrics.startCall();
    Result result;
    try {
      result = handler.execute(c);
    } catch (PartnerFailure f) {
      if (f.appliedUnknown()) {
        metrics.called(call, c.operation(), "applied-result-unknown");
        appliedUnknown(r, c, attempt, f, log);
        return;
      }
      metrics.called(call, c.operation(), f.retryable() ? "retryable-failure" : "permanent-failure");
      log.failed(f.code(), f.getMessage());
      LOG.warn("command {} failed at {}: {} {}", c.operation(), handler.partner().id(), f.code(), f.getMessage());
      failed(r.key(), c, attempt, f);
      return;
    } catch (RuntimeException bug) {
      metrics.called(call, c.operation(), "handler-error");
      log.failed("HANDLER_ERROR", bug.getClass().getSimpleName());
      LOG.error("handler for {} failed on command {}", handler.partner(), c.commandId(), bug);
      failed(r.key(), c, attempt, PartnerFailure.permanent("HANDLER_ERROR", bug.getClass().getSimpleName()));
      return;
    }
    // The partner has applied it: from here on a failure is retried in place, never a failed command.
    metrics.called(call, c.operation(), "success");
    inPlace("execution record", () -> executions.record(c, result, clock.instant()));
    inPlace("audit entry", () -> audit.attempt(c, attempt, true, null, null, clock.instant()));
    log.succeeded();
    LOG.info("command {} carried out at {}", c.operation(), handler.partner().id());
    emit(Topics.OUTCOMES, r.key(), outcome(c, true, attempt, null, null, result));
  }

  /**
   * The partner answered 2xx to a call that changes something, but not with an answer we can read.
   * It is recorded as carried out (so no redelivery or replay repeats it), counted and alerted
   * ({@code examhub_dispatch_unknown_results_total}, ExamhubDispatchResultUnknown), and its outcome
   * says so: never a dead letter, whose replay would apply the change twice.
   */
  private void appliedUnknown(ConsumerRecord<String, byte[]> r, Command c, int attempt, PartnerFailure f,
      CommandLogContext log) {
    inPlace("execution record", () -> executions.recordUnknown(c, f, clock.instant()));
    inPlace("audit entry", () -> audit.attempt(c, attempt, true, f.code(), "applied, result unknown: " + f.getMessage(),
        clock.instant()));
    metrics.resultUnknown(c.operation());
    log.resultUnknown(f.code(), f.getMessage());
    LOG.error("command {} was applied at {} but its answer cannot be read ({}: {}); recorded as applied with an unknown"
        + " result, check it at the partner", c.operation(), handler.partner().id(), f.code(), f.getMessage());
    emit(Topics.OUTCOMES, r.key(), unknown(c, attempt, f.code(), f.getMessage(), f.known()));
  }

  /**
   * Writes what must follow a call the partner applied, however long the store is away: given up,
   * the next worker would find no execution record and call the partner again.
   */
  private void inPlace(String what, Runnable write) {
    Duration pause = Duration.ofMillis(200);
    long giveUpWhenStopping = System.nanoTime() + STOPPING_GRACE.toNanos();
    while (true) {
      try {
        write.run();
        return;
      } catch (RuntimeException e) {
        if (!running && System.nanoTime() > giveUpWhenStopping) {
          // Shutting down with the store still away: the next worker repeats the call, same Idempotency-Key.
          throw e;
        }
        metrics.infrastructureFailure();
        LOG.warn("cannot write the {} of a call the partner applied; trying again in {}: {}", what, pause,
            Redaction.redact(e.toString()));
        try {
          Thread.sleep(pause.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        pause = pause.multipliedBy(2).compareTo(MAX_IN_PLACE_PAUSE) > 0 ? MAX_IN_PLACE_PAUSE : pause.multipliedBy(2);
      }
    }
  }

  private void failed(String key, Command c, int attempt, PartnerFailure f) {
    audit.attempt(c, attempt, false, f.code(), f.getMessage(), clock.instant());
    if (f.retryable() && retry.mayRetry(attempt)) {
      long due = clock.millis() + retry.delayAfter(attempt, f.retryAfter()).toMillis();
      ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(retryTopic.name(), bytes(key),
          retryTopic.valueSerde().serializer().serialize(retryTopic.name(), c));
      again.headers().add(ATTEMPT_HEADER, Long.toString(attempt + 1).getBytes(StandardCharsets.UTF_8));
      again.headers().add(NOT_BEFORE_HEADER, Long.toString(due).getBytes(StandardCharsets.UTF_8));
      await(producer.unwrap().send(again));
      metrics.retried();
      return;
    }
    FailedCommand dead = new FailedCommand(c, attempt, f.code(), f.getMessage(), clock.instant());
    emit(Topics.COMMAND_DEAD_LETTERS, key, dead);
    emit(Topics.OUTCOMES, key, outcome(c, false, attempt, f.code(), f.getMessage(), null));
    metrics.deadLettered();
    deadLetters.deadLettered(dead);
  }

  private Outcome unknown(Command c, int attempts, String code, String reason, Result known) {
    return new Outcome(c.commandId(), c.institution(), c.partner(), c.operation(), true, attempts, code, reason,
        known, clock.instant(), Outcome.Status.APPLIED_RESULT_UNKNOWN);
  }

  private Outcome outcome(Command c, boolean success, int attempts, String code, String reason, Result result) {
    return new Outcome(c.commandId(), c.institution(), c.partner(), c.operation(), success, attempts, code, reason,
        result, clock.instant());
  }

  /** Acknowledged before the offset is committed: what is committed has its consequences on disk. */
  private <V> void emit(Topic<String, V> topic, String key, V value) {
    await(producer.send(topic, key, value));
  }

  private static void await(java.util.concurrent.Future<?> acknowledged) {
    try {
      acknowledged.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write to Kafka: " + e.getMessage(), e);
    }
  }

  private void resumeDuePartitions() {
    long now = clock.millis();
    pausedUntil.entrySet().removeIf(e -> {
      if (e.getValue() <= now) {
        consumer.resume(List.of(e.getKey()));
        return true;
      }
      return false;
    });
  }

  private static long longHeader(ConsumerRecord<?, ?> r, String name, long fallback) {
    Header h = r.headers().lastHeader(name);
    if (h == null) {
      return fallback;
    }
    try {
      return Long.parseLong(StandardCharsets.UTF_8.decode(ByteBuffer.wrap(h.value())).toString());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static byte[] bytes(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
  }

  private final class ForgetPausesOnRevoke implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      partitions.forEach(pausedUntil::remove);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
  }
}
