package no.examhub.flow.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import no.examhub.event.ExamSystem;
import no.examhub.event.Payload;
import no.examhub.event.Result;

/**
 * One candidate's case on one assessment: its appeal, its explanation, its thesis, the ids the
 * exam system knows it by, and what was done about it. Kept in {@code case-store}, so "where is
 * this appeal?" is an interactive query.
 *
 * @param received the FS records and exam events that reached it, oldest first, at most
 *     {@link #RECEIVED_LIMIT}; null in a case stored before cases kept them
 */
public record CaseState(
    String caseKey,
    String institution,
    ExamSystem examSystem,
    String vurdId,
    String kandidatnr,
    Appeal appeal,
    Explanation explanation,
    Ids ids,
    Thesis thesis,
    List<HistoryEntry> history,
    Instant updatedAt,
    List<Received> received) {

  /** The last entries are enough to answer an operator; older ones are in the audit log. */
  static final int HISTORY_LIMIT = 50;
  /**
   * A case sees a handful of FS records and exam events (an appeal, its withdrawal, a decision, an
   * explanation); past this, the oldest go, so a record FS keeps changing cannot grow the case.
   */
  static final int RECEIVED_LIMIT = 20;

  public enum AppealStatus { NONE, ACTIVE, WITHDRAWN, DECIDED, CLOSED }

  public enum ExplanationStatus { NONE, REQUESTED, PUBLISHED, REGISTERED }

  /** @param round how many times the appeal was activated: part of the command ids */
  public record Appeal(AppealStatus status, LocalDate sensurfrist, int round) {
    static final Appeal NONE = new Appeal(AppealStatus.NONE, null, 0);

    public boolean open() {
      return status == AppealStatus.ACTIVE || status == AppealStatus.DECIDED;
    }
  }

  /** @param document what the exam system published: url, document, content type, given-at */
  public record Explanation(ExplanationStatus status, LocalDate requestedOn, Result.Explanation document) {
    static final Explanation NONE = new Explanation(ExplanationStatus.NONE, null, null);

    public boolean open() {
      return status == ExplanationStatus.REQUESTED || status == ExplanationStatus.PUBLISHED;
    }
  }

  /** What the exam system calls this case's test, candidate and flows; learnt from outcomes. */
  public record Ids(String testId, String candidateUserId, String flowId, String participantId,
      String reassessmentFlowId, String explanationRequestId) {
    static final Ids NONE = new Ids(null, null, null, null, null, null);

    Ids merge(Ids newer) {
      return new Ids(or(newer.testId, testId), or(newer.candidateUserId, candidateUserId),
          or(newer.flowId, flowId), or(newer.participantId, participantId),
          or(newer.reassessmentFlowId, reassessmentFlowId), or(newer.explanationRequestId, explanationRequestId));
    }

    private static String or(String a, String b) {
      return a != null ? a : b;
    }
  }

  /** A graded master thesis waiting for its deadlines, then archived exactly once. */
  public record Thesis(String testId, String title, String grade, Instant gradesPublishedAt, Instant dueAt,
      List<Payload.ThesisFile> files, String archiveCommandId) {
    public boolean archived() {
      return archiveCommandId != null;
    }
  }

  public record HistoryEntry(Instant at, String kind, String operation, String commandId, Boolean success, String note) {}

  /**
   * An FS record or exam-system event that reached the case, and the repeats of it that the
   * content-hash dedup step dropped. Holds no personal number: FS records carry none.
   *
   * @param source {@link #FS_APPEAL}, {@link #FS_EXPLANATION_REQUEST} or {@link #EXAM_EVENT}
   * @param what the record in a word: the klagestatus, the request's date, the event kind
   * @param ref the first 16 hex digits of its content hash (an event's id): how a repeat finds it
   * @param receivedAt when Examhub received it (FS: polled; an event: its webhook arrived); null
   *     when not recorded (a repeat of a record the case got before it kept them, or whose entry
   *     was already dropped)
   * @param repeats how many repeats were deduplicated
   * @param lastRepeatAt when the last repeat was received; null for none
   */
  public record Received(String source, String what, String ref, Instant receivedAt, int repeats,
      Instant lastRepeatAt) {
    public static final String FS_APPEAL = "fs-appeal";
    public static final String FS_EXPLANATION_REQUEST = "fs-explanation-request";
    public static final String EXAM_EVENT = "exam-event";

    Received repeatedAt(Instant at) {
      return new Received(source, what, ref, receivedAt, repeats + 1, at);
    }
  }

  static CaseState open(String caseKey, String institution, ExamSystem examSystem, String vurdId, String kandidatnr) {
    return new CaseState(caseKey, institution, examSystem, vurdId, kandidatnr, Appeal.NONE, Explanation.NONE,
        Ids.NONE, null, List.of(), null, List.of());
  }

  CaseState withAppeal(Appeal a) {
    return new CaseState(caseKey, institution, examSystem, vurdId, kandidatnr, a, explanation, ids,
        thesis, history, updatedAt, received);
  }

  CaseState withExplanation(Explanation e) {
    return new CaseState(caseKey, institution, examSystem, vurdId, kandidatnr, appeal, e, ids,
        thesis, history, updatedAt, received);
  }

  CaseState withIds(Ids i) {
    return new CaseState(caseKey, institution, examSystem, vurdId, kandidatnr, appeal, explanation, ids.merge(i),
        thesis, history, updatedAt, received);
  }

  CaseState withThesis(Thesis t) {
    return new CaseState(caseKey, institution, examSystem, vurdId, kandidatnr, appeal, explanation, ids,
        t, history, updatedAt, received);
  }

  CaseState logged(HistoryEntry entry) {
    List<HistoryEntry> h = new ArrayList<>(history);
    h.add(entry);
    List<HistoryEntry> bounded = h.size() > HISTORY_LIMIT ? h.subList(h.size() - HISTORY_LIMIT, h.size()) : h;
    return new CaseState(caseKey, institution, examSystem, vurdId, kandidatnr, appeal, explanation, ids, thesis,
        List.copyOf(bounded), entry.at(), received);
  }

  /** A first delivery of an FS record or exam event. Not an update: it does not extend retention. */
  CaseState arrived(Received r) {
    List<Received> all = new ArrayList<>(received == null ? List.of() : received);
    all.add(r);
    return withReceived(all);
  }

  /** A repeat the dedup step dropped, counted on its first delivery's entry (the latest one with its ref). */
  CaseState repeated(Received repeat) {
    List<Received> all = new ArrayList<>(received == null ? List.of() : received);
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).ref() != null && all.get(i).ref().equals(repeat.ref())) {
        all.set(i, all.get(i).repeatedAt(repeat.receivedAt()));
        return withReceived(all);
      }
    }
    all.add(new Received(repeat.source(), repeat.what(), repeat.ref(), null, 1, repeat.receivedAt()));
    return withReceived(all);
  }

  private CaseState withReceived(List<Received> all) {
    List<Received> bounded = all.size() > RECEIVED_LIMIT ? all.subList(all.size() - RECEIVED_LIMIT, all.size()) : all;
    return new CaseState(caseKey, institution, examSystem, vurdId, kandidatnr, appeal, explanation, ids, thesis, history,
        updatedAt, List.copyOf(bounded));
  }
}
