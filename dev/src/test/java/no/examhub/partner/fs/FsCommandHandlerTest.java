package no.examhub.partner.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import no.examhub.event.Command;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.simulator.fs.FsSimulator;
import no.examhub.testing.Commands;
import no.examhub.testing.TestHub;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What Examhub writes into FS, through dispatch against the FS simulator. */
class FsCommandHandlerTest {
  @RegisterExtension
  static final TestHub hub = TestHub.shared();
  private static FsSimulator fs;

  @BeforeAll
  static void start() {
    fs = hub.simulators().orElseThrow().fs();
  }

  @Test
  void registerExplanationPostsSeed003sFieldsToFsForTheExamSystem() {
    String kandidatnr = candidate();
    Command c = Commands.send(hub, registerExplanation(kandidatnr));

    Outcome o = Commands.outcomeOf(hub, c);

    assertThat(o.success()).isTrue();
    assertThat(callsOf(c)).containsExactly("POST /fs/test/eksamen/begrunnelser/WISEFLOW");
    assertThat(registeredFor(kandidatnr)).singleElement().satisfies(b -> assertThat(b)
        .containsEntry("vurdId", "DEMO-EXPHIL-2026H")
        .containsEntry("urlBegrunnelse", "https://europe.wiseflow.net/files/explanations/3301.pdf")
        .containsEntry("datoBegrunnelseBedtOm", "2026-11-20")
        .containsEntry("dokumentBegrunnelse", "begrunnelse-3301.pdf")
        .containsEntry("datoBegrunnelseGitt", "2026-11-21T10:00:00Z")
        .containsEntry("contentTypeBegrunnelse", "application/pdf")
        .doesNotContainKeys("examSystem", "testRun"));
  }

  @Test
  void withoutAnAppealDecisionPathTheDecisionIsNotSentNorDeadLetteredButCarriedOutAsNotSent() {
    String kandidatnr = candidate();
    Command c = Commands.send(hub, Commands.of(Partner.FS, Operations.REGISTER_APPEAL_DECISION,
        "examSystem", "INSPERA", "vurdId", "DEMO-INF1000-2026H", "kandidatnr", kandidatnr,
        "decidedAt", "2026-12-01T09:30:00Z", "round", "1"));

    Outcome o = Commands.outcomeOf(hub, c);

    assertThat(o.success()).isTrue();
    assertThat(Wire.text(o, "sent")).isEqualTo("false");
    assertThat(Wire.text(o, "note")).isEqualTo(FsCommandHandler.NOT_SENT);
    assertThat(o.attempts()).as("carried out at once, never retried").isEqualTo(1);
    assertThat(callsOf(c)).isEmpty();
    assertThat(fs.registeredAppealDecisions()).noneMatch(d -> kandidatnr.equals(d.get("kandidatnr")));
  }

  @Test
  void anFs400IsDeadLetteredAtOnceWithoutARetry() {
    Command withoutCandidate = Commands.send(hub, Commands.of(Partner.FS, Operations.REGISTER_EXPLANATION,
        "examSystem", "WISEFLOW", "vurdId", "DEMO-EXPHIL-2026H", "urlBegrunnelse", "https://example.org/b.pdf"));

    assertThat(Commands.deadLettersOf(hub, withoutCandidate)).singleElement().satisfies(f -> {
      assertThat(f.errorCode()).isEqualTo("400");
      assertThat(f.attempts()).isEqualTo(1);
    });
    assertThat(Commands.outcomeOf(hub, withoutCandidate).success()).isFalse();
    assertThat(callsOf(withoutCandidate)).hasSize(1);
  }

  @Test
  void aRedeliveredCommandWhoseExecutionWasRecordedDoesNotCallFsAgain() {
    String kandidatnr = candidate();
    Command c = registerExplanation(kandidatnr);
    Commands.send(hub, c);
    Commands.send(hub, c);

    List<Outcome> outcomes = Commands.outcomesOf(hub, c, 2);

    assertThat(outcomes).hasSize(2).allSatisfy(o -> assertThat(o.success()).isTrue());
    assertThat(callsOf(c)).hasSize(1);
    assertThat(registeredFor(kandidatnr)).hasSize(1);
  }

  private static Command registerExplanation(String kandidatnr) {
    return Commands.of(Partner.FS, Operations.REGISTER_EXPLANATION, "examSystem", "WISEFLOW",
        "vurdId", "DEMO-EXPHIL-2026H", "kandidatnr", kandidatnr,
        "urlBegrunnelse", "https://europe.wiseflow.net/files/explanations/3301.pdf",
        "datoBegrunnelseBedtOm", "2026-11-20", "dokumentBegrunnelse", "begrunnelse-3301.pdf",
        "datoBegrunnelseGitt", "2026-11-21T10:00:00Z", "contentTypeBegrunnelse", "application/pdf");
  }

  private static String candidate() {
    return Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 99_999));
  }

  private static List<Map<String, Object>> registeredFor(String kandidatnr) {
    return fs.registeredExplanations().stream().filter(b -> kandidatnr.equals(b.get("kandidatnr"))).toList();
  }

  private static List<String> callsOf(Command c) {
    return fs.script().calls().stream().filter(call -> c.commandId().equals(call.idempotencyKey()))
        .map(call -> call.method() + " " + call.path()).toList();
  }
}
