package no.examhub.partner.inspera;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import no.examhub.event.Alert;
import no.examhub.event.CandidateEvent;
import no.examhub.event.Topics;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.DurableProducer;

/**
 * Publishes each exported event as a {@link CandidateEvent}, and each flagged event of high
 * severity also as an {@link Alert}, with the durable producer. Every few thousand events it waits
 * for the broker's acknowledgements, so what is in flight (and in memory) stays bounded; {@link
 * #awaitAll()} before the command succeeds means a crash re-exports rather than loses.
 */
final class CandidateEventPublisher implements TestEventsParser.Listener {
  static final String ALERT_KIND = "flagged-candidate-event";
  private static final Set<String> HIGH = Set.of("high", "critical");
  private static final int ACK_EVERY = 5_000;

  /** The broker did not acknowledge: the whole export is retried. */
  static final class NotAcknowledged extends RuntimeException {
    NotAcknowledged(String message) {
      super(message, null, false, false);
    }
  }

  private final DurableProducer producer;
  private final String institution;
  private final String testId;
  private final Instant now;
  private final List<CompletableFuture<?>> inFlight = new ArrayList<>();
  private long flagged;

  CandidateEventPublisher(DurableProducer producer, String institution, String testId, Instant now) {
    this.producer = producer;
    this.institution = institution;
    this.testId = testId;
    this.now = now;
  }

  @Override
  public void onEvent(String candidateUserId, String candidateId, JsonNode e) {
    CandidateEvent event = new CandidateEvent(institution, testId, candidateId, candidateUserId, Json.text(e, "eventId"),
        Json.text(e, "event"), instant(Json.text(e, "timeStamp")), node(e, "extraInfo"), node(e, "flaggingInfo"),
        node(e, "attachedFiles"), Json.text(e, "userId"));
    inFlight.add(producer.send(Topics.CANDIDATE_EVENTS, event.key(), event));
    String severity = Json.text(event.flaggingInfo(), "severityLevel");
    if (severity != null && HIGH.contains(severity.toLowerCase(Locale.ROOT))) {
      flagged++;
      inFlight.add(producer.send(Topics.ALERTS, event.key(), alert(event, severity)));
    }
    if (inFlight.size() >= ACK_EVERY) {
      awaitAll();
    }
  }

  /** Returns once every event so far is acknowledged by the broker. */
  void awaitAll() {
    producer.unwrap().flush();
    try {
      for (CompletableFuture<?> f : inFlight) {
        f.get(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotAcknowledged("interrupted while publishing candidate events");
    } catch (ExecutionException | TimeoutException e) {
      throw new NotAcknowledged("candidate events not acknowledged: " + e.getClass().getSimpleName());
    }
    inFlight.clear();
  }

  long flagged() {
    return flagged;
  }

  /** No comment text in the summary: an invigilator's note may name the candidate. */
  private Alert alert(CandidateEvent e, String severity) {
    String summary = "Flagged " + Json.text(e.flaggingInfo(), "flagType") + " (" + severity + ") on Inspera test " + testId
        + ", candidate " + e.candidateId() + ": " + e.event();
    return new Alert(ALERT_KIND, institution, severity.toLowerCase(Locale.ROOT), summary,
        e.key() + "/" + e.eventId(), e.timeStamp() != null ? e.timeStamp() : now);
  }

  private static JsonNode node(JsonNode e, String field) {
    JsonNode v = e.get(field);
    return v == null || v.isNull() ? null : v;
  }

  private static Instant instant(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
