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
    Instant updatedAt) {

  /** The last entries are enough to answer an operator; older ones are in the audit log. */
  static final int HISTORY_LIMIT = 50;

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

  static CaseState open(String caseKey, String institution, ExamSystem examSystem, String vurdId, String kandidatnr) {
    return new CaseState(caseKey, institution, examSystem, vurdId, kandidatnr, Appeal.NONE, Explanation.NONE,
        Ids.NONE, null, List.of(), null);
  }

  CaseState withAppeal(Appeal a) {
    return new CaseState(caseKey, institution, examSystem, vurdId, kandidatnr, a, explanation, ids, thesis, history, updatedAt);
  }

  CaseState withExplanation(Explanation e) {
    return new CaseState(caseKey, institution, examSystem, vurdId, kandidatnr, appeal, e, ids, thesis, history, updatedAt);
  }

  CaseState withIds(Ids i) {
    return new CaseState(caseKey, institution, examSystem, vurdId, kandidatnr, appeal, explanation, ids.merge(i), thesis, history, updatedAt);
  }

  CaseState withThesis(Thesis t) {
    return new CaseState(caseKey, institution, examSystem, vurdId, kandidatnr, appeal, explanation, ids, t, history, updatedAt);
  }

  CaseState logged(HistoryEntry entry) {
    List<HistoryEntry> h = new ArrayList<>(history);
    h.add(entry);
    List<HistoryEntry> bounded = h.size() > HISTORY_LIMIT ? h.subList(h.size() - HISTORY_LIMIT, h.size()) : h;
    return new CaseState(caseKey, institution, examSystem, vurdId, kandidatnr, appeal, explanation, ids, thesis,
        List.copyOf(bounded), entry.at());
  }
}
