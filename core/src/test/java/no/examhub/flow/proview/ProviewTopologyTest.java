package no.examhub.flow.proview;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import no.examhub.event.Command;
import no.examhub.event.Partner;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import no.examhub.partner.proview.ProviewNormaliser;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.streams.DeadLetter;
import no.examhub.testing.RawFlow;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Specification of the Proview flow: termination callbacks in, fetch-session commands out. */
class ProviewTopologyTest {
  private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  private static final String SESSION = "f46bd560-53f6-11eb-b441-492a960aa0ba";
  private static final String SAMPLE = "{\"message\": \"Session Has Been Terminated\", \"external_id\": \"5506693\", "
      + "\"session_uuid\": \"" + SESSION + "\"}";

  private RawFlow<Command> flow;

  @BeforeEach
  void setUp() {
    flow = RawFlow.of("proview-test", Topics.RAW_PROVIEW, Topics.COMMANDS_PROVIEW,
        builder -> ProviewTopology.addTo(builder, ExamhubConfig.defaults(),
            ProviewNormaliser::fetchCommand));
  }

  @AfterEach
  void tearDown() {
    flow.close();
  }

  @Test
  void terminationCallbackEmitsOneFetchSessionCommandOnTheSessionsKey() {
    flow.raw().pipeInput("demo/" + SESSION, callback("req-1", SAMPLE), T0);

    var out = flow.out().readKeyValue();
    assertThat(out.key).isEqualTo("demo/" + SESSION);
    Command command = out.value;
    assertThat(command.institution()).isEqualTo("demo");
    assertThat(command.partner()).isEqualTo(Partner.PROVIEW);
    assertThat(command.operation()).isEqualTo("fetch-session");
    assertThat(Wire.payload(command).get("sessionUuid").asText()).isEqualTo(SESSION);
    assertThat(Wire.payload(command).get("externalId").asText()).isEqualTo("5506693");
    assertThat(command.causationId()).isEqualTo("req-1");
    assertThat(command.createdAt()).isEqualTo(T0);
    assertThat(flow.out().isEmpty()).isTrue();
  }

  @Test
  void theSameCallbackDeliveredTwiceEmitsOneCommand() {
    flow.raw().pipeInput("demo/" + SESSION, callback("first", SAMPLE), T0);
    flow.raw().pipeInput("demo/" + SESSION, callback("proview-retry", SAMPLE), T0.plusSeconds(30));

    assertThat(flow.out().readValuesToList()).hasSize(1);
  }

  @Test
  void aRatingInTheCallbackIsIgnoredSoAForgedBodyInjectsNothing() {
    String forged = "{\"session_uuid\": \"" + SESSION + "\", \"external_id\": \"5506693\", \"final_rating\": \"low\"}";
    flow.raw().pipeInput("demo/" + SESSION, callback("forged", forged), T0);

    assertThat(Wire.payload(flow.out().readValue()).fieldNames()).toIterable()
        .containsExactlyInAnyOrder("sessionUuid", "externalId");
  }

  @Test
  void aPoisonCallbackIsDeadLetteredAndTheNextStillFlows() {
    flow.raw().pipeInput("demo/broken", callback("bad", "{\"session_uuid\": "), T0);
    flow.raw().pipeInput("demo/" + SESSION, callback("good", SAMPLE), T0);

    DeadLetter letter = flow.deadLetters().readValue();
    assertThat(letter.errorCode()).isEqualTo("MALFORMED_JSON");
    assertThat(letter.stage()).isEqualTo("proview-normalise");
    assertThat(letter.sourceTopic()).isEqualTo(Topics.RAW_PROVIEW.name());
    assertThat(letter.payload()).isEqualTo("{\"session_uuid\": ");
    assertThat(Wire.payload(flow.out().readValue()).get("sessionUuid").asText()).isEqualTo(SESSION);
  }

  @Test
  void aCallbackWithoutSessionIsDeadLetteredAsMissingField() {
    flow.raw().pipeInput("demo/x", callback("r", "{\"message\": \"Session Has Been Terminated\"}"), T0);

    assertThat(flow.deadLetters().readValue().errorCode()).isEqualTo("MISSING_FIELD");
    assertThat(flow.out().isEmpty()).isTrue();
  }

  private static RawRequest callback(String requestId, String body) {
    return new RawRequest(requestId, "proview", "demo", T0, Map.of("content-type", "application/json"),
        body.getBytes(StandardCharsets.UTF_8));
  }
}
