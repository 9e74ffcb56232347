package no.examhub.ops.console;

import java.util.List;

/** What each console template shows: plain values, already worded and formatted for the page. */
public final class Pages {
  private Pages() {}

  public record Login(Layout layout, String error) {}

  /** An error answered as a page (the API answers the same errors as JSON). */
  public record Problem(Layout layout, int status, String code, String message) {}

  public record CaseQuery(String institution, String vurdId, String kandidatnr, String testId, String flowId) {
    public boolean empty() {
      return blank(institution) && blank(vurdId) && blank(kandidatnr) && blank(testId) && blank(flowId);
    }
  }

  public record CaseRow(String href, String institution, String examSystem, String vurdId, String kandidatnr,
      String appeal, String explanation, String updatedAt) {}

  public record Cases(Layout layout, CaseQuery query, List<CaseRow> rows, String message) {}

  public record Deadline(String name, String due, String note) {}

  /** One attempt of a command, or one operator's replay of it. */
  public record Attempt(String at, String what, boolean success, String errorCode, String message) {}

  /**
   * One step of a case's timeline.
   *
   * @param system FS, the exam system, Examhub or a partner
   * @param status in words: sent, carried out, failed...
   * @param deadLetterHref the dead letter of a command that failed for good; null otherwise
   */
  public record Step(String at, String system, String what, String status, boolean failed, List<Attempt> attempts,
      String deadLetterHref) {}

  public record Case(Layout layout, String institution, String examSystem, String vurdId, String kandidatnr,
      String appeal, String explanation, List<String> ids, String waitsFor, List<Deadline> deadlines,
      List<Step> timeline, String servedBy) {}

  public record DeadLetterFilter(String partner, String institution, String operation, String errorCode) {}

  public record DeadLetterRow(String id, String href, String failedAt, String institution, String partner,
      String operation, String errorCode, int attempts, String reason, boolean replayed) {}

  /** @param notices what makes the list less than whole (still catching up, truncated by the bound); empty when it is whole */
  public record DeadLetters(Layout layout, DeadLetterFilter filter, int total, List<DeadLetterRow> rows,
      List<String> partners, String csrf, List<String> notices) {}

  /** @param carriedOut the command succeeded at the partner after a replay */
  public record DeadLetter(Layout layout, DeadLetterRow row, String commandId, String payload, List<Attempt> attempts,
      boolean carriedOut, String caseHref, String csrf) {}

  public record ReplayOutcome(String id, String href, String result) {}

  public record Replay(Layout layout, String reason, int replayed, List<ReplayOutcome> outcomes) {}

  public record Check(String name, boolean ok) {}

  public record Metric(String name, String labels, String value) {}

  /** @param scoped the operator is limited to some institutions: figures across institutions are left out */
  public record Health(Layout layout, List<Check> checks, String streamsState, List<Metric> metrics, boolean scoped) {}

  /** @param set whether the credential is stored; its value is never read into a page */
  public record Credential(String partner, boolean set) {}

  public record Endpoint(String partner, String url) {}

  public record Institution(String name, String examSystem, String instance, String fsEnvironment, boolean active,
      List<String> flows, List<Endpoint> endpoints, List<Credential> credentials, List<Credential> webhookSecrets,
      List<no.examhub.institution.ConnectionCheck> checks) {}

  public record Institutions(Layout layout, List<Institution> institutions, String csrf) {}

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
