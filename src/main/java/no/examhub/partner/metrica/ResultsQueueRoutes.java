package no.examhub.partner.metrica;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
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
 * The results-event queue for DFE (seed 004 items 9-10), scope {@code metrica:consume}:
 * {@code GET /metrica/v1/results/event} locks and returns the oldest visible event
 * ({@code 200 {"messageId","locktoken","lockedUntil","receivedAt","event"}}) or answers 204;
 * {@code DELETE /metrica/v1/results/event/{messageId}/{locktoken}} acknowledges it for good
 * (204) once the acknowledgement is durable, or answers 404 70404 for an unknown message, a wrong
 * token or an expired lock.
 */
final class ResultsQueueRoutes implements HttpRoutes {
  static final String PATH = "/metrica/v1/results/event";
  private static final Logger LOG = LoggerFactory.getLogger(ResultsQueueRoutes.class);

  private final BearerAuth auth;
  private final ResultsQueue queue;
  private final DurableProducer producer;
  private final Duration ackTimeout;
  private final Clock clock;

  ResultsQueueRoutes(BearerAuth auth, ResultsQueue queue, DurableProducer producer, Duration ackTimeout, Clock clock) {
    this.auth = auth;
    this.queue = queue;
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
    auth.require(ctx, Scopes.METRICA_CONSUME);
    queue.lockOldest().ifPresentOrElse(
        locked -> ctx.status(200).contentType("application/json").result(Json.bytes(QueuedEvent.of(locked))),
        () -> ctx.status(204));
  }

  private void acknowledge(Context ctx) {
    ApiClient client = auth.require(ctx, Scopes.METRICA_CONSUME);
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
