package no.examhub.partner.proctoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.examhub.event.RawRequest;
import no.examhub.event.RespondentVerification;
import no.examhub.event.RosterEntry;
import no.examhub.event.Topics;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.json.Json;
import no.examhub.testing.Eventually;
import no.examhub.testing.KeyedTopicReader;
import no.examhub.testing.TestHub;
import no.examhub.testing.TopicReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The proctoring vendor's webhooks against a real broker: seed 001's samples, verbatim. */
class ProctoringWebhookRoutesTest {
  private static final String SEED_EXAM = "some unique exam_id";
  private static final String VALID_SAMPLE = """
      {
        "event": "verify_respondent",
        "fields": [
          {
            "position": 0,
            "value": "Some valid student id"
          },
          {
            "position": 1,
            "value": "Some valid student password"
          }
        ],
        "exam_id": "some unique exam_id",
        "choosenLang": "ru"
      }""";
  private static final String INVALID_SAMPLE = """
      {
        "event": "verify_respondent",
        "fields": [
          {
            "position": 0,
            "value": "Some invalid student id"
          },
          {
            "position": 1,
            "value": "Some invalid student password"
          }
        ],
        "exam_id": "some unique exam_id..",
        "choosenLang": "ru"
      }""";

  @RegisterExtension
  static final TestHub hub = TestHub.shared();
  private static ProctoringHub vendor;

  @BeforeAll
  static void start() {
    vendor = new ProctoringHub(hub);
    assertThat(vendor.uploadRoster(SEED_EXAM, ProctoringHub.roster("Some valid student id",
        "Some valid student password")).statusCode()).isEqualTo(200);
    Eventually.holds(Duration.ofSeconds(20),
        () -> vendor.webhook(VALID_SAMPLE, ProctoringHub.requestId()).body().contains("metadata"));
  }

  @Test
  void seedsValidSampleIsAdmittedWithTheRostersMetadata() {
    HttpResponse<String> answer = vendor.webhook(VALID_SAMPLE, ProctoringHub.requestId());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(Json.tree(answer.body().getBytes()).has("errorMessage")).isFalse();
    JsonNode metadata = Json.tree(answer.body().getBytes()).get("metadata");
    assertThat(metadata.get("name").asText()).isEqualTo("Siti Nurhaliza");
    assertThat(metadata.get("email").asText()).isEqualTo("siti@example.org");
    assertThat(metadata.get("photo").asText()).isEqualTo("https://example.org/siti.jpg");
    assertThat(metadata.get("about").asText()).isEqualTo("Second year");
    assertThat(metadata.get("data").asText()).isEqualTo("seat 14");
  }

  @Test
  void seedsInvalidSampleIsRejectedInEnglishForRussianWithoutMetadata() {
    HttpResponse<String> answer = vendor.webhook(INVALID_SAMPLE, ProctoringHub.requestId());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("{\"errorMessage\":\"" + Rejection.UNKNOWN_EXAM.message("en") + "\"}");
  }

  @Test
  void norwegianRespondentWithWrongAccessCodeIsToldInNorwegian() {
    HttpResponse<String> answer = vendor.webhook(
        ProctoringHub.verify(SEED_EXAM, "Some valid student id", "wrong", "no"), ProctoringHub.requestId());

    assertThat(answer.body()).isEqualTo("{\"errorMessage\":\"" + Rejection.WRONG_ACCESS_CODE.message("no") + "\"}")
        .contains("stemmer ikke");
  }

  @Test
  void unknownCandidateIsToldInNynorsk() {
    HttpResponse<String> answer = vendor.webhook(
        ProctoringHub.verify(SEED_EXAM, "nobody", "x", "nn-NO"), ProctoringHub.requestId());

    assertThat(answer.body()).contains("stemmer ikkje").doesNotContain("metadata");
  }

  @Test
  void unknownExamUnlistedCandidateAndWrongCodeGetTheSameAnswer() {
    HttpResponse<String> unknownExam = vendor.webhook(
        ProctoringHub.verify("no-such-exam-" + UUID.randomUUID(), "Some valid student id", "x", "en"),
        ProctoringHub.requestId());
    HttpResponse<String> unlisted = vendor.webhook(
        ProctoringHub.verify(SEED_EXAM, "someone-" + UUID.randomUUID(), "x", "en"), ProctoringHub.requestId());
    HttpResponse<String> wrongCode = vendor.webhook(
        ProctoringHub.verify(SEED_EXAM, "Some valid student id", "not the password", "en"), ProctoringHub.requestId());

    for (HttpResponse<String> answer : List.of(unlisted, wrongCode)) {
      assertThat(answer.statusCode()).isEqualTo(unknownExam.statusCode()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo(unknownExam.body());
      assertThat(answer.headers().firstValue("Content-Type")).isEqualTo(unknownExam.headers().firstValue("Content-Type"));
    }
  }

  @Test
  void afterTooManyRefusalsARespondentGets429EvenWithTheRightCodeWhileOthersDoNot() {
    String exam = "limited-" + UUID.randomUUID();
    assertThat(vendor.uploadRoster(exam, ProctoringHub.roster("cand-1", "right-code")).statusCode()).isEqualTo(200);
    Eventually.holds(Duration.ofSeconds(20), () -> vendor.webhook(ProctoringHub.verify(exam, "cand-2", "x", "en"),
        ProctoringHub.requestId()).statusCode() == 200);
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> refused = vendor.webhook(ProctoringHub.verify(exam, "cand-1", "wrong-" + i, "en"),
          ProctoringHub.requestId());
      assertThat(refused.statusCode()).isEqualTo(200);
      assertThat(refused.body()).contains("errorMessage");
    }

    HttpResponse<String> limited = vendor.webhook(ProctoringHub.verify(exam, "cand-1", "right-code", "en"),
        ProctoringHub.requestId());

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.body()).contains("\"errorCode\":\"70429\"").doesNotContain("metadata");
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    // A respondent that does not exist is limited the same way: the limit says nothing about enrolment.
    for (int i = 0; i < 5; i++) {
      vendor.webhook(ProctoringHub.verify(exam, "ghost", "x" + i, "en"), ProctoringHub.requestId());
    }
    assertThat(vendor.webhook(ProctoringHub.verify(exam, "ghost", "y", "en"), ProctoringHub.requestId())
        .statusCode()).isEqualTo(429);
  }

  @Test
  void theRosterTopicHoldsAKeyedMacNotAPlainHashOfTheAccessCode() {
    List<Map.Entry<String, RosterEntry>> stored = KeyedTopicReader.readUntil(hub.hub().bootstrapServers(),
        Topics.ROSTER, (key, value) -> value != null && SEED_EXAM.equals(value.examId()), 1, Duration.ofSeconds(20));

    String mac = stored.get(0).getValue().accessCodeMac();
    assertThat(mac).isNotBlank().isNotEqualTo(Hmac.sha256Hex("Some valid student password"));
    assertThat(Json.string(stored.get(0).getValue())).doesNotContain(Hmac.sha256Hex("Some valid student password"));
  }

  @Test
  void blankAccessCodeIsMissingFields() {
    HttpResponse<String> answer = vendor.webhook(
        ProctoringHub.verify(SEED_EXAM, "Some valid student id", " ", "en"), ProctoringHub.requestId());

    assertThat(answer.body()).contains(Rejection.MISSING_FIELDS.message("en"));
  }

  @Test
  void bothSamplesAreRecordedAsVerificationsWithoutTheAccessCode() {
    String admittedId = ProctoringHub.requestId();
    String rejectedId = ProctoringHub.requestId();
    vendor.webhook(VALID_SAMPLE, admittedId);
    vendor.webhook(INVALID_SAMPLE, rejectedId);

    List<RespondentVerification> records = TopicReader.readUntil(hub.hub().bootstrapServers(),
        Topics.VERIFICATIONS, v -> List.of(admittedId, rejectedId).contains(v.requestId()), 2, Duration.ofSeconds(20));

    assertThat(records).hasSize(2);
    assertThat(records).filteredOn(v -> v.requestId().equals(admittedId)).singleElement().satisfies(v -> {
      assertThat(v.accepted()).isTrue();
      assertThat(v.reasonCode()).isNull();
      assertThat(v.institution()).isEqualTo("demo");
      assertThat(v.examId()).isEqualTo(SEED_EXAM);
      assertThat(v.candidateId()).isEqualTo("Some valid student id");
    });
    assertThat(records).filteredOn(v -> v.requestId().equals(rejectedId)).singleElement().satisfies(v -> {
      assertThat(v.accepted()).isFalse();
      assertThat(v.reasonCode()).isEqualTo("UNKNOWN_EXAM");
      assertThat(v.examId()).isEqualTo("some unique exam_id..");
    });
    assertThat(Json.string(records)).doesNotContain("password");
  }

  @Test
  void asynchronousEventsLandOnTheRawTopicKeyedByInstitutionAndExam() {
    String exam = "exam-" + UUID.randomUUID();
    String admitted = "{\"event\":\"admitted_respondent\",\"respondent_id\":\"r-1\",\"exam_id\":\"" + exam
        + "\",\"admittedOn\":1719221380326}";
    String ready = "{\"event\":\"result_ready\",\"respondent_id\":\"r-1\",\"exam_id\":\"" + exam + "\"}";
    String investigated = "{\"event\":\"investigation_complete\",\"respondent_id\":\"r-1\",\"exam_id\":\"" + exam + "\"}";

    for (String event : List.of(admitted, ready, investigated)) {
      HttpResponse<String> answer = vendor.webhook(event, ProctoringHub.requestId());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo("{\"status\":\"accepted\"}");
    }

    List<Map.Entry<String, RawRequest>> raw = KeyedTopicReader.readUntil(hub.hub().bootstrapServers(),
        Topics.RAW_PROCTORING, (key, value) -> key.equals("demo/" + exam), 3, Duration.ofSeconds(20));
    assertThat(raw).hasSize(3).allSatisfy(r -> {
      assertThat(r.getValue().source()).isEqualTo("proctoring");
      assertThat(r.getValue().institution()).isEqualTo("demo");
      assertThat(r.getValue().headers()).containsKey("x-client-id").doesNotContainKey("x-client-secret");
    });
    assertThat(raw).extracting(r -> new String(r.getValue().body())).containsExactly(admitted, ready, investigated);
  }

  @Test
  void examWithItsOwnFieldMappingReadsTheCandidateIdFromThatPosition() {
    String exam = "exam-" + UUID.randomUUID();
    vendor.uploadRoster(exam, "{\"candidateIdPosition\":1,\"accessCodePosition\":0,"
        + "\"candidates\":[{\"candidateId\":\"c-9\",\"accessCode\":\"code-9\",\"name\":\"Nine\"}]}");

    // Position 0 carries the access code and position 1 the candidate id for this exam.
    Eventually.holds(Duration.ofSeconds(20), () -> vendor.webhook(
        ProctoringHub.verify(exam, "code-9", "c-9", "en"), ProctoringHub.requestId()).body().contains("Nine"));
  }

  @Test
  void reuploadWithoutACandidateRemovesThem() {
    String exam = "exam-" + UUID.randomUUID();
    vendor.uploadRoster(exam, "{\"candidates\":[{\"candidateId\":\"c-1\",\"accessCode\":\"code-1\"},"
        + "{\"candidateId\":\"c-2\",\"accessCode\":\"code-2\"}]}");
    Eventually.holds(Duration.ofSeconds(20), () -> admitted(exam, "c-2", "code-2"));

    HttpResponse<String> answer = vendor.uploadRoster(exam, ProctoringHub.roster("c-1", "code-1"));

    assertThat(answer.body()).contains("\"candidates\":1", "\"removed\":1");
    Eventually.holds(Duration.ofSeconds(20), () -> vendor.webhook(ProctoringHub.verify(exam, "c-2", "code-2", "en"),
        ProctoringHub.requestId()).body().contains(Rejection.UNKNOWN_CANDIDATE.message("en")));
    assertThat(admitted(exam, "c-1", "code-1")).isTrue();
  }

  private static boolean admitted(String exam, String candidateId, String code) {
    return vendor.webhook(ProctoringHub.verify(exam, candidateId, code, "en"), ProctoringHub.requestId())
        .body().contains("metadata");
  }

  @Test
  void demoRosterOfTheEmbeddedDefaultAdmitsItsDemoCandidate() {
    HttpResponse<String> answer = vendor.webhook(ProctoringHub.verify("demo-exam-1", "10001", "demo-access-1", "en"),
        ProctoringHub.requestId());

    assertThat(answer.body()).contains("\"metadata\"", "Ada Demo");
  }
}
