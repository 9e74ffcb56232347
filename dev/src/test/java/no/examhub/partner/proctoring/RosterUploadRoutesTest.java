package no.examhub.partner.proctoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.kafka.Topic;
import no.examhub.testing.Eventually;
import no.examhub.testing.TestHub;
import no.examhub.testing.TopicReader;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An operator fills an exam's roster; what is written never holds a clear access code. */
class RosterUploadRoutesTest {
  /** The roster topic read as text, to see exactly what was written. */
  private static final Topic<String, String> ROSTER_AS_TEXT =
      new Topic<>("examhub.roster", Serdes.String(), Serdes.String(), Map.of());

  @RegisterExtension
  static final TestHub hub = TestHub.shared();
  private static ProctoringHub operator;

  @BeforeAll
  static void start() {
    operator = new ProctoringHub(hub);
  }

  @Test
  void uploadIsAnsweredWithTheCountOnceWritten() {
    HttpResponse<String> answer = operator.uploadRoster(exam(), ProctoringHub.roster("c-1", "code-1"));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("\"candidates\":1", "\"removed\":0");
  }

  @Test
  void noClearAccessCodeIsEverWrittenToTheRosterTopic() {
    String exam = exam();
    String clearCode = "clear-" + UUID.randomUUID();
    operator.uploadRoster(exam, ProctoringHub.roster("c-1", clearCode));

    List<String> written = TopicReader.readUntil(hub.hub().bootstrapServers(), ROSTER_AS_TEXT,
        v -> v != null && v.contains(exam), 1, Duration.ofSeconds(20));

    assertThat(written).singleElement().satisfies(record -> assertThat(record)
        .doesNotContain(clearCode)
        .doesNotContain(Hmac.sha256Hex(clearCode))
        .contains("\"accessCodeMac\":\""));
  }

  @Test
  void examWithItsOwnFieldMappingReadsTheCandidateIdFromThatPosition() {
    String exam = exam();
    operator.uploadRoster(exam, "{\"candidateIdPosition\":1,\"accessCodePosition\":0,"
        + "\"candidates\":[{\"candidateId\":\"c-9\",\"accessCode\":\"code-9\",\"name\":\"Nine\"}]}");

    // Position 0 carries the access code and position 1 the candidate id for this exam.
    Eventually.holds(Duration.ofSeconds(20), () -> operator.webhook(
        ProctoringHub.verify(exam, "code-9", "c-9", "en"), ProctoringHub.requestId()).body().contains("Nine"));
  }

  @Test
  void reuploadWithoutACandidateRemovesThem() {
    String exam = exam();
    operator.uploadRoster(exam, twoCandidates());
    Eventually.holds(Duration.ofSeconds(20), () -> admitted(exam, "c-2", "code-2"));

    HttpResponse<String> answer = operator.uploadRoster(exam, ProctoringHub.roster("c-1", "code-1"));

    assertThat(answer.body()).contains("\"candidates\":1", "\"removed\":1");
    Eventually.holds(Duration.ofSeconds(20), () -> operator.webhook(ProctoringHub.verify(exam, "c-2", "code-2", "en"),
        ProctoringHub.requestId()).body().contains(Rejection.UNKNOWN_CANDIDATE.message("en")));
    assertThat(admitted(exam, "c-1", "code-1")).isTrue();
  }

  @Test
  void missingTokenIsMissingCredentials() {
    assertError(operator.uploadRoster("demo", exam(), ProctoringHub.roster("c", "x"), null), 401, "70402");
  }

  @Test
  void unknownTokenIsInvalidCredentials() {
    assertError(operator.uploadRoster("demo", exam(), ProctoringHub.roster("c", "x"), "nope"), 401, "70401");
  }

  @Test
  void tokenWithoutAdminScopeIsForbidden() {
    assertError(operator.uploadRoster("demo", exam(), ProctoringHub.roster("c", "x"),
        hub.demo().metricaConsumerToken()), 403, "70403");
  }

  @Test
  void unknownInstitutionIsNotFound() {
    assertError(operator.uploadRoster("nowhere", exam(), ProctoringHub.roster("c", "x"), hub.demo().adminToken()),
        404, "70404");
  }

  @Test
  void malformedBodyIsMalformedRequest() {
    assertError(operator.uploadRoster(exam(), "[not a roster"), 400, "70416");
  }

  @Test
  void candidateWithoutAccessCodeIsMalformedRequest() {
    HttpResponse<String> answer = operator.uploadRoster(exam(), "{\"candidates\":[{\"candidateId\":\"c-1\"}]}");

    assertError(answer, 400, "70416");
    assertThat(answer.body()).contains("candidates[0]");
  }

  @Test
  void sameCandidateTwiceIsMalformedRequest() {
    String body = "{\"candidates\":[{\"candidateId\":\"c-1\",\"accessCode\":\"a\"},"
        + "{\"candidateId\":\"c-1\",\"accessCode\":\"b\"}]}";

    assertError(operator.uploadRoster(exam(), body), 400, "70416");
  }

  private static boolean admitted(String exam, String candidateId, String code) {
    return operator.webhook(ProctoringHub.verify(exam, candidateId, code, "en"), ProctoringHub.requestId())
        .body().contains("metadata");
  }

  private static String twoCandidates() {
    return "{\"candidates\":[{\"candidateId\":\"c-1\",\"accessCode\":\"code-1\"},"
        + "{\"candidateId\":\"c-2\",\"accessCode\":\"code-2\"}]}";
  }

  private static String exam() {
    return "exam-" + UUID.randomUUID();
  }

  private static void assertError(HttpResponse<String> answer, int status, String code) {
    assertThat(answer.statusCode()).isEqualTo(status);
    assertThat(answer.body()).contains("\"errorCode\":\"" + code + "\"");
  }
}
