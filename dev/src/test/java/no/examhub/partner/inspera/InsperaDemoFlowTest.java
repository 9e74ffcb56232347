package no.examhub.partner.inspera;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.examhub.event.Command;
import no.examhub.event.Operations;
import no.examhub.event.Topics;
import no.examhub.simulator.inspera.InsperaDemoTests;
import no.examhub.simulator.inspera.InsperaSimulator;
import no.examhub.testing.Eventually;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import no.examhub.testing.TopicReader;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded default's demo: the FS simulator's appeal and explanation request for
 * DEMO-INF1000-2026H reach the Inspera simulator's test 35199862, and Inspera's published
 * explanation comes back as the command that registers it in FS.
 */
class InsperaDemoFlowTest {
  @RegisterExtension
  static final TestHub hub = TestHub.shared();
  private static InsperaSimulator inspera;

  @BeforeAll
  static void start() {
    inspera = hub.simulators().orElseThrow().inspera();
  }

  @Test
  void theDemoAppealAndExplanationRequestAreRegisteredInInspera() {
    Eventually.holds(Duration.ofSeconds(60), () -> !onDemoTest("appeal").isEmpty()
        && !onDemoTest("explanation-request").isEmpty() && !onDemoTest("options").isEmpty());

    assertThat(onDemoTest("appeal")).singleElement()
        .satisfies(a -> assertThat(a.body()).containsEntry("candidateId", "101"));
    assertThat(onDemoTest("explanation-request")).singleElement()
        .satisfies(a -> assertThat(a.body().toString()).contains("candidateId=103"));
    assertThat(onDemoTest("withdrawal")).as("102's appeal was never registered").isEmpty();
  }

  @Test
  void thePublishedDemoExplanationIsFetchedAndSentOnToFs() {
    Eventually.holds(Duration.ofSeconds(60), () -> !onDemoTest("explanation-request").isEmpty());
    String body = "{\"contextObjectId\": " + InsperaDemoTests.EXAM_TEST + ", \"event\": \"explanation_published\", "
        + "\"associatedObjectId\": 5001103, \"associatedObjectType\": \"user\", \"timestamp\": \"" + java.time.Instant.now() + "\"}";

    Http.post(hub.baseUrl() + "/webhooks/inspera/demo", body, Map.of("Content-Type", "application/json",
        InsperaSignature.HEADER, InsperaSignature.sign(hub.insperaSecret(), body.getBytes(StandardCharsets.UTF_8))));

    List<Command> registrations = TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.COMMANDS_FS,
        c -> Operations.REGISTER_EXPLANATION.equals(c.operation()) && c.institution().equals("demo")
            && "103".equals(Wire.payload(c).path("kandidatnr").asText()), 1, Duration.ofSeconds(60));
    assertThat(registrations).isNotEmpty().first().satisfies(c -> {
      assertThat(Wire.payload(c).path("dokumentBegrunnelse").asText()).isEqualTo("begrunnelse-103.pdf");
      assertThat(Wire.payload(c).path("contentTypeBegrunnelse").asText()).isEqualTo("application/pdf");
    });
  }

  private static List<InsperaSimulator.Applied> onDemoTest(String kind) {
    return inspera.applied(kind).stream().filter(a -> a.testId().equals(InsperaDemoTests.EXAM_TEST)).toList();
  }
}
