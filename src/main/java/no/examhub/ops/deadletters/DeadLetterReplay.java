package no.examhub.ops.deadletters;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import no.examhub.event.Command;
import no.examhub.event.Topics;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.kafka.DurableProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts dead-lettered commands back on their partner's command topic, unchanged: the same command
 * id, so the execution record and the partner's idempotency key still hold (a command that did
 * succeed after all is not carried out twice), under the key it had, so it stays in order with
 * its object's other commands.
 */
final class DeadLetterReplay {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplay.class);

  private final DurableProducer producer;
  private final Replays replays;
  private final ReplayAudit audit;
  private final Duration ackTimeout;
  private final Clock clock;

  DeadLetterReplay(DurableProducer producer, Replays replays, ReplayAudit audit, Duration ackTimeout, Clock clock) {
    this.producer = producer;
    this.replays = replays;
    this.audit = audit;
    this.ackTimeout = ackTimeout;
    this.clock = clock;
  }

  /** Replays each selected dead letter once (again only when forced); stops at the first failed write. */
  ReplayResult replay(List<StoredDeadLetter> selected, boolean force, String clientId, List<String> notFound) {
    List<String> replayed = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (StoredDeadLetter d : selected) {
      Command c = d.failed().command();
      if (!replays.claim(d.id(), c.commandId(), clientId, force, clock.instant())) {
        skipped.add(d.id());
        continue;
      }
      publish(d, force);
      audit.replayed(d, clientId, force, clock.instant());
      replayed.add(d.id());
      LOG.info("replayed dead letter {} (command {}, {}/{}) for {}", d.id(), c.commandId(), c.partner().id(),
          c.operation(), clientId);
    }
    return new ReplayResult(replayed.size(), replayed, skipped, notFound);
  }

  private void publish(StoredDeadLetter d, boolean forced) {
    Command c = d.failed().command();
    try {
      producer.send(Topics.commandsFor(c.partner()), d.key(), c).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      replays.release(d.id(), forced);
      throw ApiException.of(ErrorCode.BACKEND_DOWN);
    } catch (ExecutionException | TimeoutException | IllegalArgumentException e) {
      replays.release(d.id(), forced);
      LOG.warn("cannot replay dead letter {}: {}", d.id(), e.toString());
      throw new ApiException(ErrorCode.BACKEND_DOWN, "the broker did not acknowledge the replay of " + d.id()
          + "; earlier ones in this request were replayed", java.util.Map.of("Retry-After", "5"));
    }
  }
}
