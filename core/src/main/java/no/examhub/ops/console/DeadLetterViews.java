package no.examhub.ops.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.examhub.access.ApiClient;
import no.examhub.event.Command;
import no.examhub.event.FailedCommand;
import no.examhub.event.Partner;
import no.examhub.ops.deadletters.AuditTrail;
import no.examhub.ops.deadletters.DeadLetterFilter;
import no.examhub.ops.deadletters.DeadLetters;
import no.examhub.ops.deadletters.ReplayResult;
import no.examhub.ops.deadletters.StoredDeadLetter;

/** The dead-letter pages, over {@link DeadLetters}: what the operator API lists and replays, scoped alike. */
final class DeadLetterViews {
  private static final int LIMIT = 200;

  private final DeadLetters deadLetters;
  private final AuditTrail audit;

  DeadLetterViews(DeadLetters deadLetters, AuditTrail audit) {
    this.deadLetters = deadLetters;
    this.audit = audit;
  }

  Pages.DeadLetters list(Layout layout, ApiClient operator, Pages.DeadLetterFilter f) {
    DeadLetters.Page page = deadLetters.list(operator, filter(f), LIMIT);
    List<Pages.DeadLetterRow> rows = new ArrayList<>();
    // Newest first on a page: the one an operator just caused is on top.
    for (int i = page.items().size() - 1; i >= 0; i--) {
      rows.add(row(page.items().get(i)));
    }
    List<String> partners = java.util.Arrays.stream(Partner.values()).map(Partner::id).toList();
    return new Pages.DeadLetters(layout, f, page.total(), rows, partners, layout.csrf(), notices(page.completeness()));
  }

  /** Never a silently partial list: what the index had not read, and what its bound left out. */
  static List<String> notices(DeadLetters.Completeness c) {
    List<String> notices = new ArrayList<>();
    if (c.state().equals(DeadLetters.Completeness.CATCHING_UP)) {
      notices.add("Still reading the dead-letter topic: this list may miss dead letters. Reload in a moment.");
    } else if (c.state().equals(DeadLetters.Completeness.BROKER_UNREACHABLE)) {
      notices.add("The broker did not answer: this list is as this instance last read it and may miss the newest dead letters.");
    }
    c.dropped().forEach((institution, n) -> notices.add(String.format(java.util.Locale.ROOT,
        "Truncated: %,d older dead letters of %s are not listed (this instance holds the newest %,d per institution,"
            + " EXAMHUB_DEAD_LETTER_INDEX_MAX); they stay on the topic until retention.", n, institution,
        c.maxPerInstitution())));
    return notices;
  }

  Optional<Pages.DeadLetter> one(Layout layout, ApiClient operator, String id) {
    return deadLetters.find(operator, id).map(d -> {
      Command c = d.deadLetter().failed().command();
      List<AuditTrail.Entry> entries = audit.of(c.institution(), List.of(c.commandId()));
      boolean carriedOut = entries.stream().anyMatch(e -> !e.replay() && e.success());
      String caseHref = caseHref(c);
      return new Pages.DeadLetter(layout, row(d), c.commandId(), Redacted.json(tree(c)),
          entries.stream().map(CaseViews::attempt).toList(), carriedOut, caseHref, layout.csrf());
    });
  }

  Pages.Replay replay(Layout layout, ApiClient operator, List<String> ids, Pages.DeadLetterFilter f, String reason) {
    ReplayResult r = ids.isEmpty() ? deadLetters.replayMatching(operator, filter(f), false, reason)
        : deadLetters.replayIds(operator, ids, false, reason);
    List<Pages.ReplayOutcome> outcomes = new ArrayList<>();
    r.replayedIds().forEach(id -> outcomes.add(new Pages.ReplayOutcome(id, href(id), "sent back to its partner")));
    r.refused().forEach(x -> outcomes.add(new Pages.ReplayOutcome(x.id(), href(x.id()), "refused: " + x.reason())));
    r.pending().forEach(id -> outcomes.add(new Pages.ReplayOutcome(id, href(id), "sent; its case has not decided yet")));
    r.skipped().forEach(id -> outcomes.add(new Pages.ReplayOutcome(id, href(id), "skipped: replayed before")));
    r.notFound().forEach(id -> outcomes.add(new Pages.ReplayOutcome(id, null, "not found")));
    return new Pages.Replay(layout, reason, r.replayed(), outcomes);
  }

  static String href(String id) {
    return "/console/dead-letters/" + Format.path(id);
  }

  private static DeadLetterFilter filter(Pages.DeadLetterFilter f) {
    return new DeadLetterFilter(orNull(f.partner()), orNull(f.institution()), orNull(f.operation()), orNull(f.errorCode()));
  }

  private static Pages.DeadLetterRow row(DeadLetters.Listed listed) {
    StoredDeadLetter d = listed.deadLetter();
    FailedCommand f = d.failed();
    Command c = f.command();
    return new Pages.DeadLetterRow(d.id(), href(d.id()), Format.instant(f.failedAt()), c.institution(),
        c.partner() == null ? "" : c.partner().id(), c.operation(), f.errorCode(), f.attempts(),
        no.examhub.platform.logging.Redaction.redact(f.reason()), listed.replayed());
  }

  /** The case a command belongs to, when its payload names the candidate. */
  private static String caseHref(Command c) {
    com.fasterxml.jackson.databind.JsonNode p = tree(c);
    if (p == null || !p.hasNonNull("vurdId") || !p.hasNonNull("kandidatnr")) {
      return null;
    }
    return "/console/cases/" + Format.path(c.institution()) + "/" + Format.path(p.get("vurdId").asText())
        + "/" + Format.path(p.get("kandidatnr").asText());
  }

  /** The payload as JSON whatever its Java type (a JsonNode today, typed records tomorrow). */
  private static com.fasterxml.jackson.databind.JsonNode tree(Command c) {
    return c.payload() == null ? null : no.examhub.platform.json.Json.MAPPER.valueToTree(c.payload());
  }

  private static String orNull(String s) {
    return Pages.blank(s) ? null : s.trim();
  }
}
