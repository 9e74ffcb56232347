package no.examhub.partner.fs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import no.examhub.event.FsAppeal;
import no.examhub.event.FsExplanationRequest;
import no.examhub.event.Topics;
import no.examhub.institution.Institution;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.platform.kafka.Topic;
import no.examhub.platform.streams.DeadLetter;

/**
 * One kind of FS record (appeals or explanation requests): where FS serves it changed-since and per
 * exam, how one record is read and becomes Examhub's record, and where that goes.
 *
 * @param endpoint FS's path segment of the changed-since read; the watermark's and metrics' name
 * @param perExam FS's path segment of the per-exam read (seed 003 spells the two differently)
 */
record FsFeed<W, R>(
    String endpoint,
    String perExam,
    Predicate<Institution> enabled,
    Class<W> wireType,
    Mapping<W, R> mapping,
    Topic<String, R> topic,
    Function<R, String> key) {

  static final FsFeed<FsKlage, FsAppeal> APPEALS = new FsFeed<>("klager", "klager", Institution::appealsEnabled,
      FsKlage.class, FsRecords::appeal, Topics.FS_APPEALS, FsAppeal::caseKey);

  static final FsFeed<FsBegrunnelseForesporsel, FsExplanationRequest> EXPLANATIONS = new FsFeed<>(
      "begrunnelse", "begrunnelser", Institution::explanationsEnabled, FsBegrunnelseForesporsel.class,
      FsRecords::explanationRequest, Topics.FS_EXPLANATION_REQUESTS, FsExplanationRequest::caseKey);

  static final List<FsFeed<?, ?>> ALL = List.of(APPEALS, EXPLANATIONS);

  interface Mapping<W, R> {
    R map(Institution institution, W wire, Instant polledAt);
  }

  /** What one read wrote: records for the flows, and records set aside as dead letters. */
  record Written(int records, int deadLetters) {}

  /** The records changed since {@code from}, written. */
  Written pollSince(FsClient client, DurableProducer producer, Institution institution, Instant from,
      Instant polledAt, Duration ackWait) {
    List<JsonNode> wire = client.changedSince(endpoint, institution.examSystem(), institution.institutionNumber(), from);
    return write(producer, institution, wire, polledAt, ackWait);
  }

  /** Every record of one exam, written. */
  Written pollExam(FsClient client, DurableProducer producer, Institution institution, String vurdId,
      Instant polledAt, Duration ackWait) {
    List<JsonNode> wire = client.ofExam(perExam, institution.examSystem(), vurdId);
    return write(producer, institution, wire, polledAt, ackWait);
  }

  /**
   * Reads each record on its own: one that cannot be read (not an object, a field of the wrong
   * type, no vurdId or kandidatnr, an unreadable date) becomes a dead letter with its reason, and
   * the others go on. Returns only once the broker acknowledged every record and dead letter; any
   * failure to write throws, so the caller keeps its watermark. A batch that half landed is sent
   * again next time: dedup drops the records, and a dead letter repeats (the same key and reason).
   */
  private Written write(DurableProducer producer, Institution institution, List<JsonNode> wire, Instant polledAt,
      Duration ackWait) {
    List<CompletableFuture<?>> acks = new ArrayList<>(wire.size());
    int records = 0;
    for (JsonNode element : wire) {
      R record;
      try {
        record = mapping.map(institution, read(element), polledAt);
      } catch (FsException unreadable) {
        DeadLetter letter = FsDeadLetters.of(institution, endpoint, element, unreadable, polledAt);
        acks.add(producer.send(Topics.DEAD_LETTERS, letter.key(), letter));
        continue;
      }
      acks.add(producer.send(topic, key.apply(record), record));
      records++;
    }
    await(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)), ackWait);
    return new Written(records, wire.size() - records);
  }

  private W read(JsonNode element) {
    if (element == null || !element.isObject()) {
      throw new FsException(FsException.UNREADABLE_RECORD, "an FS record is not a JSON object");
    }
    try {
      return Json.MAPPER.treeToValue(element, wireType);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // Jackson's message quotes the value; the field's path is enough to find it.
      throw new FsException(FsException.UNREADABLE_RECORD, "an FS record has a field of the wrong type ("
          + e.getClass().getSimpleName() + fieldPath(e) + ")");
    }
  }

  private static String fieldPath(Exception e) {
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
      return " at " + m.getPath().get(m.getPath().size() - 1).getFieldName();
    }
    return "";
  }

  private void await(CompletableFuture<Void> all, Duration ackWait) {
    try {
      all.get(ackWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new FsException("the broker did not take the " + endpoint + " records ("
          + e.getCause().getClass().getSimpleName() + ")");
    } catch (TimeoutException e) {
      throw new FsException("the broker did not acknowledge the " + endpoint + " records within " + ackWait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FsException("interrupted while waiting for the broker");
    }
  }
}
