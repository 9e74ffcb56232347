package no.examhub.ops.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.examhub.flow.cases.CaseState;
import no.examhub.flow.cases.CaseState.HistoryEntry;
import no.examhub.flow.cases.CaseState.Received;
import no.examhub.ops.deadletters.AuditTrail;

/**
 * A case's timeline across systems, in time order: each FS record and exam event when Examhub
 * received it and when its repeats were deduplicated, the thesis's grades, every command with its
 * attempts, and every outcome. A case stored before cases kept their records shows its FS records
 * from its state, "not recorded", first.
 */
final class Timeline {
  static final String NOT_RECORDED = "not recorded";

  private Timeline() {}

  private record Timed(Instant at, Pages.Step step) {}

  /**
   * @param attempts each command's attempts and replays from the audit log
   * @param deadLettered each dead-lettered command's dead-letter page
   */
  static List<Pages.Step> of(CaseState c, Map<String, List<AuditTrail.Entry>> attempts, Map<String, String> deadLettered) {
    List<Timed> timed = new ArrayList<>();
    if (c.received() == null) {
      fromState(c).forEach(s -> timed.add(new Timed(null, s)));
    } else {
      c.received().forEach(r -> received(c, r, timed));
    }
    if (c.thesis() != null) {
      timed.add(new Timed(c.thesis().gradesPublishedAt(), new Pages.Step(Format.instant(c.thesis().gradesPublishedAt()),
          String.valueOf(c.examSystem()), "grades published: " + c.thesis().title(),
          c.thesis().archived() ? "archived" : "held for archiving", false, List.of(), null)));
    }
    for (HistoryEntry h : c.history()) {
      timed.add(new Timed(h.at(), "command".equals(h.kind()) ? command(c, h, attempts, deadLettered) : outcome(h, deadLettered)));
    }
    // Stable: what happened at the same instant keeps its order; what has no time comes first.
    return timed.stream().sorted(Comparator.comparing(Timed::at, Comparator.nullsFirst(Comparator.naturalOrder())))
        .map(Timed::step).toList();
  }

  private static void received(CaseState c, Received r, List<Timed> timed) {
    String system = r.source() != null && r.source().startsWith("fs-") ? "FS" : String.valueOf(c.examSystem());
    String how = r.source() != null && r.source().startsWith("fs-") ? "polled from FS" : "delivered by its webhook";
    String detail = r.what() == null ? how : r.what() + ", " + how;
    timed.add(new Timed(r.receivedAt(), new Pages.Step(r.receivedAt() == null ? NOT_RECORDED : Format.instant(r.receivedAt()),
        system, label(r) + " received", detail, false, List.of(), null)));
    if (r.repeats() > 0) {
      timed.add(new Timed(r.lastRepeatAt(), new Pages.Step(Format.instant(r.lastRepeatAt()), system,
          label(r) + " repeat deduplicated", (r.repeats() == 1 ? "1 repeat" : r.repeats() + " repeats")
          + " of the same content, the last received then; not acted on again", false, List.of(), null)));
    }
  }

  private static String label(Received r) {
    return switch (r.source() == null ? "" : r.source()) {
      case Received.FS_APPEAL -> "appeal (klage)";
      case Received.FS_EXPLANATION_REQUEST -> "explanation request (begrunnelse)";
      default -> "event";
    };
  }

  /** What a case stored before it kept its records tells of them: their kind, not when they came. */
  private static List<Pages.Step> fromState(CaseState c) {
    List<Pages.Step> steps = new ArrayList<>();
    if (c.appeal().status() != CaseState.AppealStatus.NONE) {
      steps.add(new Pages.Step(NOT_RECORDED, "FS", "appeal (klage) received", "appeal "
          + c.appeal().status().name().toLowerCase() + ", round " + c.appeal().round(), false, List.of(), null));
    }
    if (c.explanation().status() != CaseState.ExplanationStatus.NONE) {
      steps.add(new Pages.Step(NOT_RECORDED, "FS", "explanation (begrunnelse) requested",
          "explanation " + c.explanation().status().name().toLowerCase()
          + (c.explanation().requestedOn() == null ? "" : ", received by FS " + c.explanation().requestedOn()),
          false, List.of(), null));
    }
    return steps;
  }

  private static Pages.Step command(CaseState c, HistoryEntry h, Map<String, List<AuditTrail.Entry>> attempts,
      Map<String, String> deadLettered) {
    List<AuditTrail.Entry> tried = attempts.getOrDefault(h.commandId(), List.of());
    String partner = tried.isEmpty() ? "Examhub" : tried.get(0).partner();
    return new Pages.Step(Format.instant(h.at()), partner, "command " + h.operation(), commandStatus(c, h, tried),
        deadLettered.containsKey(h.commandId()), tried.stream().map(CaseViews::attempt).toList(),
        deadLettered.get(h.commandId()));
  }

  private static Pages.Step outcome(HistoryEntry h, Map<String, String> deadLettered) {
    return new Pages.Step(Format.instant(h.at()), "outcome", h.operation(),
        Boolean.TRUE.equals(h.success()) ? "carried out" + (h.note() == null ? "" : ": " + h.note())
            : "failed: " + h.note(),
        !Boolean.TRUE.equals(h.success()), List.of(), deadLettered.get(h.commandId()));
  }

  private static String commandStatus(CaseState c, HistoryEntry command, List<AuditTrail.Entry> tried) {
    Optional<HistoryEntry> outcome = c.history().stream()
        .filter(h -> "outcome".equals(h.kind()) && command.commandId().equals(h.commandId())).reduce((a, b) -> b);
    if (outcome.isPresent()) {
      return Boolean.TRUE.equals(outcome.get().success()) ? "carried out" : "failed";
    }
    return tried.isEmpty() ? "waiting for dispatch" : "being retried (" + tried.size() + " attempts)";
  }
}
