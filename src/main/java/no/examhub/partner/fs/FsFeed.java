package no.examhub.partner.fs;

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
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.FsExplanationRequest;
import no.examhub.event.Topics;
import no.examhub.institution.Institution;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.platform.kafka.Topic;

/**
 * One kind of FS record (appeals or explanation requests): how to read it, changed-since and per
 * exam, how it becomes Examhub's record, and where that goes.
 *
 * @param endpoint FS's path segment of the changed-since read; the watermark's and metrics' name
 */
record FsFeed<W, R>(
    String endpoint,
    Predicate<Institution> enabled,
    Since<W> since,
    PerExam<W> perExam,
    Mapping<W, R> mapping,
    Topic<String, R> topic,
    Function<R, String> key) {

  static final FsFeed<FsKlage, FsAppeal> APPEALS = new FsFeed<>("klager", Institution::appealsEnabled,
      FsClient::appealsSince, FsClient::appealsOf, FsRecords::appeal, Topics.FS_APPEALS, FsAppeal::caseKey);

  static final FsFeed<FsBegrunnelseForesporsel, FsExplanationRequest> EXPLANATIONS = new FsFeed<>(
      "begrunnelse", Institution::explanationsEnabled, FsClient::explanationRequestsSince,
      FsClient::explanationRequestsOf, FsRecords::explanationRequest, Topics.FS_EXPLANATION_REQUESTS,
      FsExplanationRequest::caseKey);

  static final List<FsFeed<?, ?>> ALL = List.of(APPEALS, EXPLANATIONS);

  interface Since<W> {
    List<W> read(FsClient client, ExamSystem system, String institutionNumber, Instant since);
  }

  interface PerExam<W> {
    List<W> read(FsClient client, ExamSystem system, String examId);
  }

  interface Mapping<W, R> {
    R map(Institution institution, W wire, Instant polledAt);
  }

  /** The records changed since {@code from}, written; returns how many. */
  int pollSince(FsClient client, DurableProducer producer, Institution institution, Instant from,
      Instant polledAt, Duration ackWait) {
    List<W> wire = since.read(client, institution.examSystem(), institution.institutionNumber(), from);
    return write(producer, institution, wire, polledAt, ackWait);
  }

  /** Every record of one exam, written; returns how many. */
  int pollExam(FsClient client, DurableProducer producer, Institution institution, String vurdId,
      Instant polledAt, Duration ackWait) {
    List<W> wire = perExam.read(client, institution.examSystem(), vurdId);
    return write(producer, institution, wire, polledAt, ackWait);
  }

  /**
   * Maps all first (one unreadable record fails the batch before anything is sent), then sends
   * all and returns only once the broker acknowledged every one; any failure throws, so the
   * caller keeps its watermark. A batch that half landed is sent again next time: dedup drops it.
   */
  private int write(DurableProducer producer, Institution institution, List<W> wire, Instant polledAt,
      Duration ackWait) {
    List<R> records = new ArrayList<>(wire.size());
    for (W w : wire) {
      records.add(mapping.map(institution, w, polledAt));
    }
    List<CompletableFuture<?>> acks = new ArrayList<>(records.size());
    for (R r : records) {
      acks.add(producer.send(topic, key.apply(r), r));
    }
    await(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)), ackWait);
    return records.size();
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
