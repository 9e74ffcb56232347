package no.examhub.flow.cases;

import static no.examhub.flow.cases.CaseFixtures.NOW;
import static no.examhub.flow.cases.CaseFixtures.appeal;
import static no.examhub.flow.cases.CaseFixtures.explanationRequest;
import static no.examhub.flow.cases.CaseFixtures.newCase;
import static no.examhub.flow.cases.CaseFixtures.withAppeal;
import static no.examhub.flow.cases.CaseFixtures.withExplanation;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.IntNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import no.examhub.event.Command;
import no.examhub.event.ExamEvent;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.Payload;
import no.examhub.event.Result;
import no.examhub.flow.cases.CaseState.AppealStatus;
import no.examhub.flow.cases.CaseState.ExplanationStatus;
import no.examhub.testing.Golden;
import org.junit.jupiter.api.Test;

/**
 * Each case operation's command keeps the JSON it had when it was pinned: its id is a hash of its
 * payload, so a changed field name, order or type would be a new command for the same decision, and
 * dispatch would carry it out a second time. Commands already on the topics must stay readable.
 */
class CaseCommandsFormatTest {
  private static final Result.Explanation EXPLANATION = new Result.Explanation("https://inspera.example/e.pdf", "e.pdf",
      "application/pdf", "2026-06-25T10:00:00Z");

  @Test
  void appealCommandsKeepTheirFormat() {
    pin("register-appeal", AppealRules.onFsAppeal(newCase(ExamSystem.INSPERA), appeal(ExamSystem.INSPERA, FsAppeal.ACTIVE), NOW));
    pin("create-reassessment",
        AppealRules.onFsAppeal(newCase(ExamSystem.WISEFLOW), appeal(ExamSystem.WISEFLOW, FsAppeal.ACTIVE), NOW));
    pin("withdraw-appeal", AppealRules.onFsAppeal(withAppeal(newCase(ExamSystem.INSPERA), AppealStatus.ACTIVE, 1),
        appeal(ExamSystem.INSPERA, FsAppeal.WITHDRAWN), NOW));
    pin("register-appeal-decision", AppealRules.onDecision(withAppeal(newCase(ExamSystem.INSPERA), AppealStatus.ACTIVE, 2),
        Instant.parse("2026-07-01T12:00:00Z"), "event-1", NOW));
  }

  @Test
  void explanationCommandsKeepTheirFormat() {
    CaseState inspera = newCase(ExamSystem.INSPERA);
    List<Command> requested = ExplanationRules.onFsRequest(inspera, explanationRequest(inspera), NOW).commands();
    pin("enable-explanation-option", requested.get(0));
    pin("request-explanation", requested.get(1));
    CaseState waiting = withExplanation(inspera, ExplanationStatus.REQUESTED);
    pin("fetch-explanation", ExplanationRules.onPublished(waiting, "event-2", NOW));
    pin("register-explanation", ExplanationRules.onAnswered(waiting, EXPLANATION, "outcome-1", NOW));

    CaseState wiseflow = withExplanation(newCase(ExamSystem.WISEFLOW), ExplanationStatus.REQUESTED);
    List<Command> answered = ExplanationRules.onAnswered(wiseflow, EXPLANATION, "outcome-2", NOW)
        .commands();
    pin("register-explanation-wiseflow", answered.get(0));
    pin("show-explanation", answered.get(1));
    pin("poll-explanation", ExplanationRules.poll(wiseflow, 3, NOW));
  }

  @Test
  void thesisCommandsKeepTheirFormat() {
    pin("fetch-test-metadata", ThesisMetadata.fetchCommand(new ExamEvent("event-3", "demo", ExamSystem.INSPERA,
        "grades_confirmed", "35199862", "test", null, null, null, Instant.parse("2026-06-01T09:00:00Z"), NOW, "r-1")));
    ArchiveRules rules = new ArchiveRules(Duration.ofDays(21), Duration.ofDays(7));
    CaseState graded = rules.onGraded(newCase(ExamSystem.INSPERA), new GradedThesis("demo", ExamSystem.INSPERA,
        "INF1000-1", "10001", "35199862", "A thesis", "B", Instant.parse("2026-06-01T09:00:00Z"),
        List.of(new Payload.ThesisFile("thesis.pdf", IntNode.valueOf(77), IntNode.valueOf(1024), "https://inspera.example/f/77"),
            new Payload.ThesisFile(null, null, null, null))));
    pin("archive-thesis", rules.archiveIfDue(graded, NOW.plus(Duration.ofDays(30))));
  }

  private static void pin(String name, Decision decision) {
    assertEquals(1, decision.commands().size(), name + ": one command");
    pin(name, decision.commands().get(0));
  }

  private static void pin(String name, Command command) {
    Golden.assertFormat("commands/" + name, command, Command.class);
  }
}
