package no.examhub.partner.metrica;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import no.examhub.access.ApiClient;
import no.examhub.access.BearerAuth;
import no.examhub.access.Scopes;
import no.examhub.event.MetricaQueueAck;
import no.examhub.event.Topics;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.ErrorContract;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.DurableProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The results-event queue for DFE (seed 004 items 9-10), scope {@code metrica:queue}:
 * {@code GET /metrica/v1/results/event} locks and returns the oldest visible event
 * ({@code 200 {"messageId","locktoken","lockedUntil","receivedAt","event"}}) or answers 204;
 * {@code DELETE /metrica/v1/results/event/{messageId}/{locktoken}} acknowledges it for good
 * (204) once the acknowledgement is durable, or answers 404 70404 for an unknown message, a wrong
 * token or an expired lock. Until the queue has loaded after a (re)start both answer
 * {@code 503 70507} with {@code Retry-After}; the body of a handed-out message is read from the
 * topic by its offset, and a broker that does not give it is {@code 503 70503}.
 */
final class ResultsQueueRoutes implements HttpRoutes {
  static final String PATH = "/metrica/v1/results/event";
  private static final Logger LOG = LoggerFactory.getLogger(ResultsQueueRoutes.class);
  /** Messages whose record is gone (retention) are skipped; this many at most per request. */
  private static final int SKIPS = 10;

  private final BearerAuth auth;
  private final ResultsQueue queue;
  private final DurableProducer producer;
  private final Duration ackTimeout;
  private final Clock clock;
  private final ResultsBodies bodies;
  private final Executor reads;

  ResultsQueueRoutes(BearerAuth auth, ResultsQueue queue, ResultsBodies bodies, Executor reads,
      DurableProducer producer, Duration ackTimeout, Clock clock) {
    this.auth = auth;
    this.queue = queue;
    this.bodies = bodies;
    this.reads = reads;
    this.producer = producer;
    this.ackTimeout = ackTimeout;
    this.clock = clock;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(PATH, this::next);
    routes.delete(PATH + "/{messageId}/{locktoken}", this::acknowledge);
  }

  private void next(Context ctx) {
    auth.require(ctx, Scopes.METRICA_QUEUE);
    requireLoaded();
    ctx.future(() -> CompletableFuture.supplyAsync(this::lockWithBody, reads).handle((found, error) -> {
      if (error != null) {
        LOG.warn("body of a Metrica results event not read: {}", error.toString());
        ctx.header("Retry-After", "5");
        ErrorContract.write(ctx, ErrorCode.BACKEND_DOWN, ErrorCode.BACKEND_DOWN.message());
      } else if (found.isPresent()) {
        ctx.status(200).contentType("application/json").result(Json.bytes(found.get()));
      } else {
        ctx.status(204);
      }
      return null;
    }));
  }

  /** The oldest visible message with its body; one whose record is gone is dropped and the next taken. */
  private Optional<QueuedEvent> lockWithBody() {
    for (int i = 0; i < SKIPS; i++) {
      Optional<ResultsQueue.Locked> locked = queue.lockOldest();
      if (locked.isEmpty()) {
        return Optional.empty();
      }
      MessageId id = locked.get().messageId();
      Optional<byte[]> body;
      try {
        body = bodies.read(id);
      } catch (RuntimeException e) {
        queue.unlock(id);
        throw e;
      }
      if (body.isPresent()) {
        return Optional.of(QueuedEvent.of(locked.get(), body.get()));
      }
      LOG.warn("Metrica results event {} is no longer on the topic; dropped from the queue", id);
      queue.discard(id);
    }
    return Optional.empty();
  }

  private void requireLoaded() {
    if (!queue.loaded()) {
      throw new ApiException(ErrorCode.QUEUE_LOADING, ErrorCode.QUEUE_LOADING.message(), Map.of("Retry-After", "5"));
    }
  }

  private void acknowledge(Context ctx) {
    ApiClient client = auth.require(ctx, Scopes.METRICA_QUEUE);
    requireLoaded();
    MessageId id = MessageId.parse(ctx.pathParam("messageId"))
        .filter(m -> queue.begin(m, ctx.pathParam("locktoken")))
        .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
            "No message locked with this message id and lock token; the lock may have expired."));
    MetricaQueueAck ack = new MetricaQueueAck(id.toString(), client.clientId(), clock.instant());
    ctx.future(() -> producer.send(Topics.METRICA_QUEUE_ACKS, ack.messageId(), ack)
        .orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle((metadata, error) -> {
          if (error == null) {
            queue.commit(id);
            ctx.status(204);
          } else {
            // Not durable: the message becomes visible again when its lock expires.
            queue.abort(id);
            LOG.warn("acknowledgement of Metrica message {} not stored: {}", id, error.toString());
            ctx.header("Retry-After", Long.toString(Math.max(1, ackTimeout.toSeconds())));
            ErrorContract.write(ctx, ErrorCode.BACKEND_DOWN, ErrorCode.BACKEND_DOWN.message());
          }
          return null;
        }));
  }
}
