package no.examhub.partner.proctoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import no.examhub.event.RosterEntry;
import no.examhub.event.Topics;
import no.examhub.platform.crypto.Hmac;
import no.examhub.testing.RecordingWriter;
import no.examhub.testing.RouteApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator fills an exam's roster, on an unstarted server: what is written never holds a clear
 * access code, a re-upload removes who it no longer lists, and every refusal writes nothing. That
 * a respondent is then admitted by the roster is {@code ProctoringWebhookRoutesTest}'s, on a broker.
 */
class RosterUploadRoutesTest {
  @RegisterExtension
  static final RouteApp routes = RouteApp.perClass();

  @Test
  void uploadIsAnsweredWithTheCountOnceWritten() {
    String exam = exam();

    JavalinTest.test(app(), (server, client) -> {
      Response answer = upload(client, exam, ProctoringHub.roster("c-1", "code-1"));

      assertThat(answer.code()).isEqualTo(200);
      assertThat(answer.body().string()).contains("\"candidates\":1", "\"removed\":0");
    });
    assertThat(writtenOf(exam)).extracting(RosterEntry::candidateId).containsExactly("c-1");
  }

  @Test
  void noClearAccessCodeIsEverWrittenToTheRosterTopic() {
    String exam = exam();
    String clearCode = "clear-" + UUID.randomUUID();

    JavalinTest.test(app(), (server, client) -> upload(client, exam, ProctoringHub.roster("c-1", clearCode)));

    // The record as the broker would get it: the roster topic's own serde.
    List<String> written = writtenOf(exam).stream().map(e -> new String(Topics.ROSTER.valueSerde().serializer()
        .serialize(Topics.ROSTER.name(), e), StandardCharsets.UTF_8)).toList();
    assertThat(written).singleElement().satisfies(record -> assertThat(record)
        .doesNotContain(clearCode)
        .doesNotContain(Hmac.sha256Hex(clearCode))
        .contains("\"accessCodeMac\":\""));
  }

  @Test
  void reuploadWithoutACandidateWritesItsRemoval() {
    String exam = exam();

    JavalinTest.test(app(), (server, client) -> {
      assertThat(upload(client, exam, twoCandidates()).code()).isEqualTo(200);

      Response answer = upload(client, exam, ProctoringHub.roster("c-1", "code-1"));

      assertThat(answer.body().string()).contains("\"candidates\":1", "\"removed\":1");
    });
    assertThat(routes.writer().written()).filteredOn(w -> w.topic().equals(Topics.ROSTER.name()) && w.value() == null)
        .extracting(RecordingWriter.Written::key).containsExactly(RosterEntry.key("demo", exam, "c-2"));
  }

  @Test
  void missingTokenIsMissingCredentials() {
    assertError(client -> upload(client, "demo", exam(), ProctoringHub.roster("c", "x"), null), 401, "70402");
  }

  @Test
  void unknownTokenIsInvalidCredentials() {
    assertError(client -> upload(client, "demo", exam(), ProctoringHub.roster("c", "x"), "nope"), 401, "70401");
  }

  @Test
  void tokenWithoutAdminScopeIsForbidden() {
    assertError(client -> upload(client, "demo", exam(), ProctoringHub.roster("c", "x"),
        routes.demo().metricaConsumerToken()), 403, "70403");
  }

  @Test
  void unknownInstitutionIsNotFound() {
    assertError(client -> upload(client, "nowhere", exam(), ProctoringHub.roster("c", "x"),
        routes.demo().adminToken()), 404, "70404");
  }

  @Test
  void malformedBodyIsMalformedRequest() {
    assertError(client -> upload(client, exam(), "[not a roster"), 400, "70416");
  }

  @Test
  void candidateWithoutAccessCodeIsMalformedRequest() {
    Response answer = assertError(client -> upload(client, exam(), "{\"candidates\":[{\"candidateId\":\"c-1\"}]}"),
        400, "70416");

    assertThat(answer.body().string()).contains("candidates[0]");
  }

  @Test
  void sameCandidateTwiceIsMalformedRequest() {
    String body = "{\"candidates\":[{\"candidateId\":\"c-1\",\"accessCode\":\"a\"},"
        + "{\"candidateId\":\"c-1\",\"accessCode\":\"b\"}]}";

    assertError(client -> upload(client, exam(), body), 400, "70416");
  }

  /** The route as Examhub wires it, on the roster this class's uploads wrote. */
  private static Javalin app() {
    return routes.app(new RosterUploadRoutes(routes.auth(), routes.institutions(), routes.roster(),
        AccessCodeKey.of(routes.config()), routes.writer(), routes.config().ackTimeout()));
  }

  private static Response upload(HttpClient client, String examId, String body) {
    return upload(client, "demo", examId, body, routes.demo().adminToken());
  }

  private static Response upload(HttpClient client, String institution, String examId, String body, String token) {
    return RouteApp.put(client, "/api/roster/" + institution + "/" + examId, body, RouteApp.bearer(token));
  }

  private static List<RosterEntry> writtenOf(String exam) {
    return routes.writer().values(Topics.ROSTER).stream().filter(e -> e != null && exam.equals(e.examId())).toList();
  }

  private static String twoCandidates() {
    return "{\"candidates\":[{\"candidateId\":\"c-1\",\"accessCode\":\"code-1\"},"
        + "{\"candidateId\":\"c-2\",\"accessCode\":\"code-2\"}]}";
  }

  private static String exam() {
    return "exam-" + UUID.randomUUID();
  }

  /** Refused with this status and code, and nothing written. */
  private static Response assertError(java.util.function.Function<HttpClient, Response> request, int status,
      String code) {
    int written = routes.writer().written().size();
    Response[] answer = new Response[1];
    JavalinTest.test(app(), (server, client) -> answer[0] = request.apply(client));

    assertThat(answer[0].code()).isEqualTo(status);
    assertThat(answer[0].body().string()).contains("\"errorCode\":\"" + code + "\"");
    assertThat(routes.writer().written()).hasSize(written);
    return answer[0];
  }
}
