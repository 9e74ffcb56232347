package no.examhub.ops.deadletters;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import no.examhub.event.Command;
import no.examhub.event.CommandReplay;
import no.examhub.event.ReplayDecision;
import no.examhub.event.Topics;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.kafka.DurableProducer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays dead-lettered commands through their case, never straight onto a command topic: each
 * goes as a {@link CommandReplay} to {@code examhub.command-replays}, where the topology checks it
 * against the case's state now (flow/cases/ReplayGate) and re-emits the command unchanged only if
 * the case still wants it; a register-appeal for an appeal FS has since withdrawn is refused with
 * that reason. The command keeps its id, so the execution record and the partner's idempotency key
 * still hold (a command that did succeed after all is not carried out twice), and its key, so it
 * stays in order with its case's other commands. The operator's call waits for the decisions.
 */
final class DeadLetterReplay {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplay.class);
  /** Decisions take a Streams commit (100 ms under exactly-once); this is for a busy or rebalancing topology. */
  static final Duration DECISION_WAIT = Duration.ofSeconds(10);

  private final DurableProducer producer;
  private final Replays replays;
  private final ReplayAudit audit;
  private final Supplier<ReplayDecisions> decisions;
  private final Duration ackTimeout;
  private final Clock clock;

  DeadLetterReplay(DurableProducer producer, Replays replays, ReplayAudit audit, Supplier<ReplayDecisions> decisions,
      Duration ackTimeout, Clock clock) {
    this.producer = producer;
    this.replays = replays;
    this.audit = audit;
    this.decisions = decisions;
    this.ackTimeout = ackTimeout;
    this.clock = clock;
  }

  /** Replays each selected dead letter once (again only when forced); stops at the first failed write. */
  ReplayResult replay(List<StoredDeadLetter> selected, boolean force, String clientId, List<String> notFound) {
    return replay(selected, force, clientId, null, notFound);
  }

  /** @param operatorReason why the operator replays them, kept in the audit; may be null */
  ReplayResult replay(List<StoredDeadLetter> selected, boolean force, String clientId, String operatorReason,
      List<String> notFound) {
    if (selected.isEmpty()) {
      return new ReplayResult(0, List.of(), List.of(), notFound, List.of(), List.of()); // no decisions to wait for
    }
    List<String> skipped = new ArrayList<>();
    Map<String, StoredDeadLetter> sent = new LinkedHashMap<>();
    Map<String, ReplayDecision> decided;
    try (ReplayDecisions answers = open()) {
      for (StoredDeadLetter d : selected) {
        Command c = d.failed().command();
        if (!replays.claim(d.id(), c.commandId(), clientId, force, clock.instant())) {
          skipped.add(d.id());
          continue;
        }
        String requestId = UUID.randomUUID().toString();
        publish(d, new CommandReplay(requestId, d.id(), c, clientId, clock.instant()), force);
        sent.put(requestId, d);
      }
      decided = sent.isEmpty() ? Map.of() : answers.await(sent.keySet(), DECISION_WAIT);
    }
    List<String> replayed = new ArrayList<>();
    List<ReplayResult.Refusal> refused = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    sent.forEach((requestId, d) -> {
      Command c = d.failed().command();
      ReplayDecision decision = decided.get(requestId);
      if (decision == null) {
        audit.pending(d, clientId, force, operatorReason, clock.instant());
        pending.add(d.id());
      } else if (decision.refused()) {
        // Not replayed: released, so a later replay (once the case wants it again) needs no force.
        replays.release(d.id(), force);
        audit.refused(d, clientId, force, operatorReason, decision.reason(), clock.instant());
        refused.add(new ReplayResult.Refusal(d.id(), c.commandId(), c.operation(), decision.reason()));
        LOG.info("replay of dead letter {} ({}/{}) refused for {}: {}", d.id(), c.partner().id(), c.operation(),
            clientId, decision.reason());
      } else {
        audit.replayed(d, clientId, force, operatorReason, clock.instant());
        replayed.add(d.id());
        LOG.info("replayed dead letter {} (command {}, {}/{}) for {}", d.id(), c.commandId(), c.partner().id(),
            c.operation(), clientId);
      }
    });
    return new ReplayResult(replayed.size(), replayed, skipped, notFound, refused, pending);
  }

  private ReplayDecisions open() {
    try {
      return decisions.get();
    } catch (KafkaException e) {
      LOG.warn("cannot read {}: {}", Topics.REPLAY_DECISIONS.name(), e.toString());
      throw ApiException.of(ErrorCode.BACKEND_DOWN);
    }
  }

  private void publish(StoredDeadLetter d, CommandReplay replay, boolean forced) {
    try {
      producer.send(Topics.COMMAND_REPLAYS, d.key(), replay).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      replays.release(d.id(), forced);
      throw ApiException.of(ErrorCode.BACKEND_DOWN);
    } catch (ExecutionException | TimeoutException | IllegalArgumentException e) {
      replays.release(d.id(), forced);
      LOG.warn("cannot replay dead letter {}: {}", d.id(), e.toString());
      throw new ApiException(ErrorCode.BACKEND_DOWN, "the broker did not acknowledge the replay of " + d.id()
          + "; earlier ones in this request were sent through their cases", Map.of("Retry-After", "5"));
    }
  }
}
