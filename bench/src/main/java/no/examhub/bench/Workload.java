package no.examhub.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.FsExplanationRequest;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Result;
import no.examhub.event.Topics;
import no.examhub.platform.kafka.Topic;

/**
 * The records the topology phases pre-fill, shaped like a day of seed 003 and generated in a
 * fixed order (no randomness, so every run processes the same input). Per Inspera test:
 * {@value #CANDIDATES_PER_TEST} candidates each submit ({@code candidate_submitted}); the test is
 * created and its grades confirmed; every {@value #APPEAL_EVERY}th candidate appeals (FS appeal,
 * dispatch's outcome that resolved the candidate at Inspera, Inspera's {@code appeal_decision}),
 * and every {@value #EXPLANATION_EVERY}th of those also asks for an explanation (FS request,
 * Inspera's {@code explanation_published}). Retries and overlapping polls are duplicates: every
 * {@value #WEBHOOK_RETRY_EVERY}th webhook is delivered twice (new request id and arrival time,
 * same body), every {@value #FS_REPOLL_EVERY}th FS record is polled twice.
 *
 * <p>The generator stops after exactly {@code records} records, possibly inside a test.
 */
final class Workload {
  static final int CANDIDATES_PER_TEST = 40;
  static final int APPEAL_EVERY = 10;
  static final int EXPLANATION_EVERY = 2;
  static final int WEBHOOK_RETRY_EVERY = 10;
  static final int FS_REPOLL_EVERY = 5;
  static final String INSTITUTION = "bench";
  private static final Instant GRADED = Instant.parse("2026-06-20T10:00:00Z");

  /** Where the records go: the pre-fill producer, or a list in a test. */
  interface Sink {
    <V> void send(Topic<String, V> topic, String key, V value);
  }

  /** What was generated; {@code distinctWebhooks} is the count of exam events dedup must let through. */
  record Counts(long webhooks, long distinctWebhooks, long appeals, long distinctAppeals, long explanationRequests,
      long distinctExplanationRequests, long outcomes) {
    long total() {
      return webhooks + appeals + explanationRequests + outcomes;
    }
  }

  private final long records;
  private final Sink sink;
  private long webhooks;
  private long distinctWebhooks;
  private long appeals;
  private long distinctAppeals;
  private long explanations;
  private long distinctExplanations;
  private long outcomes;

  private final InsperaDeliveries deliveries = new InsperaDeliveries(INSTITUTION);

  private Workload(long records, Sink sink) {
    this.records = records;
    this.sink = sink;
  }

  static Counts generate(long records, Sink sink) {
    Workload w = new Workload(records, sink);
    for (long test = 0; w.room(); test++) {
      w.test(test);
    }
    return new Counts(w.webhooks, w.distinctWebhooks, w.appeals, w.distinctAppeals, w.explanations,
        w.distinctExplanations, w.outcomes);
  }

  private boolean room() {
    return webhooks + appeals + explanations + outcomes < records;
  }

  private void test(long test) {
    String testId = Long.toString(35_000_000L + test);
    webhook(testId, "resource_created", null, "2026-06-01T08:00:00Z");
    for (int c = 0; c < CANDIDATES_PER_TEST && room(); c++) {
      long candidate = test * CANDIDATES_PER_TEST + c;
      String userId = Long.toString(7_000_000L + candidate);
      webhook(testId, "candidate_submitted", userId, "2026-06-01T12:" + two(c % 60) + ":00Z");
      if (c % APPEAL_EVERY == 0) {
        appealCase(test, testId, candidate, userId, c / APPEAL_EVERY % EXPLANATION_EVERY == 0);
      }
    }
    webhook(testId, "confirm_final_grades", null, "2026-06-20T10:00:00Z");
  }

  private void appealCase(long test, String testId, long candidate, String userId, boolean explanation) {
    String vurdId = "VURD-" + test;
    String kandidatnr = Long.toString(100_000 + candidate);
    appeal(vurdId, kandidatnr, candidate);
    if (explanation) {
      explanationRequest(vurdId, kandidatnr, candidate);
    }
    outcome(vurdId, kandidatnr, testId, userId);
    webhook(testId, "appeal_decision", userId, "2026-07-01T09:00:00Z");
    if (explanation) {
      webhook(testId, "explanation_published", userId, "2026-06-28T09:00:00Z");
    }
  }

  private void webhook(String testId, String event, String userId, String timestamp) {
    if (!room()) {
      return;
    }
    String body = "{\"contextObjectId\":" + testId + ",\"contextObjectType\":\"assessmentRun\""
        + (userId == null ? "" : ",\"associatedObjectId\":" + userId + ",\"associatedObjectType\":\"user\"")
        + ",\"event\":\"" + event + "\",\"timestamp\":\"" + timestamp + "\"}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    distinctWebhooks++;
    int copies = distinctWebhooks % WEBHOOK_RETRY_EVERY == 0 ? 2 : 1;
    String signature = deliveries.sign(bytes);
    for (int i = 0; i < copies && room(); i++) {
      sink.send(Topics.RAW_INSPERA, INSTITUTION + "/" + testId, deliveries.delivery(bytes, signature));
      webhooks++;
    }
  }

  private void appeal(String vurdId, String kandidatnr, long candidate) {
    FsAppeal a = new FsAppeal(INSTITUTION, ExamSystem.INSPERA, vurdId, kandidatnr, FsAppeal.ACTIVE, LocalDate.of(2026, 7, 10), "K" + vurdId, null, Instant.now());
    distinctAppeals++;
    for (int i = 0; i < (distinctAppeals % FS_REPOLL_EVERY == 0 ? 2 : 1) && room(); i++) {
      sink.send(Topics.FS_APPEALS, a.caseKey(), a);
      appeals++;
    }
  }

  private void explanationRequest(String vurdId, String kandidatnr, long candidate) {
    FsExplanationRequest r = new FsExplanationRequest(INSTITUTION, ExamSystem.INSPERA, vurdId, kandidatnr,
        LocalDate.of(2026, 6, 25), Instant.now());
    if (!room()) {
      return;
    }
    distinctExplanations++;
    for (int i = 0; i < (distinctExplanations % FS_REPOLL_EVERY == 0 ? 2 : 1) && room(); i++) {
      sink.send(Topics.FS_EXPLANATION_REQUESTS, r.caseKey(), r);
      explanations++;
    }
  }

  /** Dispatch's answer to register-appeal: it names the Inspera ids the case's events will carry. */
  private void outcome(String vurdId, String kandidatnr, String testId, String userId) {
    if (!room()) {
      return;
    }
    String caseKey = INSTITUTION + "/" + vurdId + "/" + kandidatnr;
    Outcome o = new Outcome(deliveries.requestId(), INSTITUTION, Partner.INSPERA, Operations.REGISTER_APPEAL, true, 1,
        null, null, new Result.InsperaIds(testId, userId), GRADED);
    sink.send(Topics.OUTCOMES, caseKey, o);
    outcomes++;
  }

  private static String two(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }

  /** The inputs a run fills, for the completion check (committed offsets at their ends). */
  static List<String> inputTopics() {
    List<String> topics = new ArrayList<>();
    for (Topic<?, ?> t : List.of(Topics.RAW_INSPERA, Topics.FS_APPEALS, Topics.FS_EXPLANATION_REQUESTS,
        Topics.OUTCOMES)) {
      topics.add(t.name());
    }
    return topics;
  }
}
