package no.examhub.ops.console;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import no.examhub.access.ApiClient;
import no.examhub.access.Delegations;
import no.examhub.flow.cases.CaseState.HistoryEntry;
import no.examhub.flow.cases.CaseState;
import no.examhub.ops.cases.CaseFilter;
import no.examhub.ops.cases.CaseReader;
import no.examhub.ops.deadletters.AuditTrail;
import no.examhub.ops.deadletters.DeadLetterFilter;
import no.examhub.ops.deadletters.DeadLetters;

/**
 * The case pages, from what the operator API reads: {@code case-store} of every instance
 * ({@link CaseReader}: the other instances are asked on the operator's behalf with a
 * {@link Delegations delegation}, as the session holds no token to pass on), the audit log
 * ({@link AuditTrail}) and the dead letters ({@link DeadLetters}). A case of an institution the
 * operator may not see is no case. A case holds no personal number (FS records keep only its
 * hash), so none can reach a page.
 */
final class CaseViews {
  private static final int SEARCH_LIMIT = 100;

  private final CaseReader cases;
  private final Delegations delegations;
  private final AuditTrail audit;
  private final DeadLetters deadLetters;
  private final Duration appealPeriod;
  private final Duration explanationPeriod;

  CaseViews(CaseReader cases, Delegations delegations, AuditTrail audit, DeadLetters deadLetters, Duration appealPeriod,
      Duration explanationPeriod) {
    this.cases = cases;
    this.delegations = delegations;
    this.audit = audit;
    this.deadLetters = deadLetters;
    this.appealPeriod = appealPeriod;
    this.explanationPeriod = explanationPeriod;
  }

  /** The operator's cases, of every instance, that match every filled-in field of the query. */
  List<Pages.CaseRow> search(ApiClient operator, Pages.CaseQuery q, String requestId) {
    CaseFilter filter = CaseFilter.of(null, null, q.institution(), q.vurdId(), q.kandidatnr(), q.testId(), q.flowId());
    return cases.search(operator, filter, SEARCH_LIMIT, false, onBehalfOf(operator, requestId), requestId).cases().stream()
        .map(CaseViews::row).toList();
  }

  Optional<CaseReader.Located> find(ApiClient operator, String institution, String vurdId, String kandidatnr,
      String requestId) {
    return cases.find(operator, institution, vurdId, kandidatnr, onBehalfOf(operator, requestId), requestId);
  }

  private CaseReader.Credential onBehalfOf(ApiClient operator, String requestId) {
    return (peer, method, pathAndQuery) -> Map.of(Delegations.HEADER,
        delegations.sign(operator, peer, method, pathAndQuery, requestId));
  }

  Pages.Case page(Layout layout, ApiClient operator, CaseReader.Located found) {
    CaseState c = found.state();
    List<String> commandIds = c.history().stream().map(HistoryEntry::commandId).filter(id -> id != null).distinct().toList();
    Map<String, List<AuditTrail.Entry>> attempts = new LinkedHashMap<>();
    audit.of(c.institution(), commandIds).forEach(e -> attempts.computeIfAbsent(e.commandId(), k -> new ArrayList<>()).add(e));
    Map<String, String> deadLettered = deadLettersOf(operator, c);
    Set<String> shown = new LinkedHashSet<>(c.history().stream().filter(h -> "command".equals(h.kind()))
        .map(HistoryEntry::commandId).toList());
    List<Pages.Step> timeline = Timeline.of(c, attempts, deadLettered);
    return new Pages.Case(layout, c.institution(), String.valueOf(c.examSystem()), c.vurdId(), c.kandidatnr(),
        appeal(c), explanation(c), ids(c), Waiting.of(c, attempts.keySet(), shown), deadlines(c), timeline, found.servedBy());
  }

  /** Only when the case saw a failure: reading the dead-letter topic is the page's slowest part. */
  private Map<String, String> deadLettersOf(ApiClient operator, CaseState c) {
    boolean failed = c.history().stream().anyMatch(h -> "outcome".equals(h.kind()) && !Boolean.TRUE.equals(h.success()));
    Map<String, String> byCommand = new LinkedHashMap<>();
    if (failed) {
      deadLetters.list(operator, new DeadLetterFilter(null, c.institution(), null, null), 1000).items().forEach(d ->
          byCommand.put(d.deadLetter().failed().command().commandId(), DeadLetterViews.href(d.deadLetter().id())));
    }
    return byCommand;
  }

  static Pages.Attempt attempt(AuditTrail.Entry e) {
    String what = e.replay()
        ? "replay by " + e.clientId() + ": " + e.decision() + (e.operatorReason() == null ? "" : " (" + e.operatorReason() + ")")
        : "attempt " + e.attempt();
    return new Pages.Attempt(Format.instant(e.at()), what, e.success(), e.errorCode(), e.errorMessage());
  }

  private List<Pages.Deadline> deadlines(CaseState c) {
    List<Pages.Deadline> d = new ArrayList<>();
    if (c.thesis() != null && c.thesis().gradesPublishedAt() != null) {
      Instant published = c.thesis().gradesPublishedAt();
      d.add(new Pages.Deadline("Appeal", Format.instant(published.plus(appealPeriod)), "grades published + appeal period"));
      d.add(new Pages.Deadline("Explanation", Format.instant(published.plus(explanationPeriod)),
          "grades published + explanation period"));
      d.add(new Pages.Deadline("Archive", Format.instant(c.thesis().dueAt()),
          c.thesis().archived() ? "archived" : "held until then and while an appeal or explanation is open"));
    }
    LocalDate sensurfrist = c.appeal().sensurfrist();
    if (sensurfrist != null) {
      d.add(new Pages.Deadline("New grade (sensurfrist)", Format.date(sensurfrist), "for the appeal's new grading"));
    }
    return d;
  }

  private static List<String> ids(CaseState c) {
    List<String> ids = new ArrayList<>();
    add(ids, "test", c.ids().testId());
    add(ids, "flow", c.ids().flowId());
    add(ids, "reassessment flow", c.ids().reassessmentFlowId());
    add(ids, "participant", c.ids().participantId());
    add(ids, "explanation request", c.ids().explanationRequestId());
    return ids;
  }

  private static void add(List<String> ids, String name, String value) {
    if (value != null) {
      ids.add(name + " " + value);
    }
  }

  static String appeal(CaseState c) {
    return c.appeal().status() == CaseState.AppealStatus.NONE ? "none" : c.appeal().status().name().toLowerCase();
  }

  static String explanation(CaseState c) {
    return c.explanation().status() == CaseState.ExplanationStatus.NONE ? "none"
        : c.explanation().status().name().toLowerCase();
  }

  static String href(CaseState c) {
    return "/console/cases/" + Format.path(c.institution()) + "/" + Format.path(c.vurdId()) + "/" + Format.path(c.kandidatnr());
  }

  private static Pages.CaseRow row(CaseState c) {
    return new Pages.CaseRow(href(c), c.institution(), String.valueOf(c.examSystem()), c.vurdId(), c.kandidatnr(),
        appeal(c), explanation(c), Format.instant(c.updatedAt()));
  }

}
