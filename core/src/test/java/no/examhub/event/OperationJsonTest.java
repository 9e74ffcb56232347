package no.examhub.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import no.examhub.platform.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one serde of commands and outcomes: each partner's result is read as its operation's record,
 * what the outcomes topic and the execution records hold from before the records were typed reads
 * the same, and fields this version does not know are kept and written back, at any depth.
 */
class OperationJsonTest {
  private static final String OUTCOME = """
      {"commandId":"c-1","institution":"demo","partner":"%s","operation":"%s","success":true,"attempts":1,\
      "errorCode":null,"reason":null,"result":%s,"at":"2026-06-20T08:00:00Z","status":"APPLIED"}""";

  static Stream<Arguments> resultsAsTheyWereWritten() {
    return Stream.of(
        Arguments.of("INSPERA", "register-appeal", """
            {"testId":"35199862","candidateUserId":"5001101"}""", Result.InsperaIds.class),
        Arguments.of("INSPERA", "enable-explanation-option", """
            {"testId":"35199862"}""", Result.InsperaIds.class),
        Arguments.of("INSPERA", "fetch-explanation", """
            {"testId":"35199862","candidateUserId":"5001101","explanation":{"url":"https://i/e","document":"e.pdf",\
            "contentType":"application/pdf","givenAt":"2026-06-22"}}""", Result.ExplanationFetched.class),
        Arguments.of("INSPERA", "fetch-test-metadata", """
            {"testId":"35199862","masterThesis":true,"vurdId":"INF1000-1","title":null,"candidates":[{"kandidatnr":"10001",\
            "candidateUserId":"5001101","grade":"B","files":[{"fileName":"t.pdf","contentItemId":77,"fileSize":1024,\
            "url":null}]}],"gradesPublishedAt":"2026-06-01T09:00:00Z"}""", Result.TestMetadata.class),
        Arguments.of("INSPERA", "export-test-events", """
            {"testId":"35199862","jobId":"job-5"}""", Result.ExportOrdered.class),
        Arguments.of("INSPERA", "download-test-events", """
            {"testId":"35199862","jobId":"job-5","candidates":2,"events":10,"flagged":1}""", Result.ExportDownloaded.class),
        Arguments.of("WISEFLOW", "create-reassessment", """
            {"flowId":7,"participantId":3,"reassessmentFlowId":9}""", Result.WiseflowIds.class),
        Arguments.of("WISEFLOW", "request-explanation", """
            {"flowId":7,"participantId":3,"explanationRequestId":11}""", Result.WiseflowIds.class),
        Arguments.of("WISEFLOW", "poll-explanation", """
            {"answered":false,"state":1}""", Result.ExplanationPolled.class),
        Arguments.of("WISEFLOW", "poll-explanation", """
            {"answered":true,"state":3,"explanation":{"url":null,"document":null,"contentType":null,\
            "givenAt":"2026-06-22T10:00:00Z"}}""", Result.ExplanationPolled.class),
        Arguments.of("WISEFLOW", "show-explanation", "{}", Result.Done.class),
        Arguments.of("FS", "register-appeal-decision", """
            {"sent":false,"note":"not sent to FS"}""", Result.FsSent.class),
        Arguments.of("FS", "register-explanation", """
            {"sent":true}""", Result.FsSent.class),
        Arguments.of("ARCHIVE", "archive-thesis", """
            {"archiveId":"A-1"}""", Result.Archived.class),
        Arguments.of("PROVIEW", "fetch-session", """
            {"uuid":"s-1","external_id":"EXAM-1","final_rating":0.7,"status":"completed",\
            "session_started_at":"2021-01-11T12:00:00Z","system_info":{"os":"Windows"}}""", Result.ProctoringSession.class),
        Arguments.of("METRICA", "notify-subscribers", """
            {"delivered":["player-a","player-b"]}""", Result.Delivered.class));
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @MethodSource("resultsAsTheyWereWritten")
  void eachResultReadsAsItsOperationsRecordAndIsWrittenBackUnchanged(String partner, String operation, String result,
      Class<? extends Result> type) {
    String written = OUTCOME.formatted(partner, operation, result);

    Outcome read = Json.read(written, Outcome.class);

    assertThat(read.result()).isInstanceOf(type);
    assertThat(Json.string(read)).isEqualTo(written);
  }

  @Test
  void aWiseflowIdIsReadAsANumberAndAProviewRatingAsText() {
    Outcome reassessed = Json.read(OUTCOME.formatted("WISEFLOW", "create-reassessment", """
        {"flowId":7,"participantId":3,"reassessmentFlowId":9}"""), Outcome.class);
    Outcome rated = Json.read(OUTCOME.formatted("PROVIEW", "fetch-session", """
        {"uuid":"s-1","final_rating":0.7}"""), Outcome.class);

    assertThat(reassessed.result()).isEqualTo(new Result.WiseflowIds(7L, 3L, 9L, null));
    assertThat(rated.result(Result.ProctoringSession.class).orElseThrow().finalRating()).isEqualTo("0.7");
  }

  @Test
  void anOutcomeWrittenBeforeItHadAStatusTakesItFromSuccess() {
    String old = """
        {"commandId":"c-1","institution":"demo","partner":"FS","operation":"register-explanation","success":false,\
        "attempts":3,"errorCode":"503","reason":"down","result":null,"at":"2026-06-20T08:00:00Z"}""";

    assertThat(Json.read(old, Outcome.class).status()).isEqualTo(Outcome.Status.FAILED);
  }

  @Test
  void fieldsThisVersionDoesNotKnowAreKeptAtEveryDepthAndWrittenBack() {
    String newer = """
        {"commandId":"c-2","institution":"demo","partner":"INSPERA","operation":"fetch-explanation",\
        "payload":{"vurdId":"INF1000-1","kandidatnr":"10001","testId":"35199862","candidateUserId":"5001101",\
        "language":"nn"},"causationId":"e-1","createdAt":"2026-06-20T08:00:00Z","priority":"high",\
        "trace":{"span":"a1"}}""";

    Command read = Json.read(newer, Command.class);

    assertThat(read.payload()).isEqualTo(new Payload.FetchExplanation("INF1000-1", "10001", "35199862", "5001101"));
    assertThat(read.unknowns().isEmpty()).isFalse();
    assertThat(Json.tree(Json.bytes(read))).isEqualTo(Json.tree(newer.getBytes()));

    String nested = OUTCOME.formatted("INSPERA", "fetch-explanation", """
        {"testId":"1","candidateUserId":"2","explanation":{"url":"u","document":"d","contentType":"c","givenAt":"g",\
        "pages":3},"score":{"raw":5}}""");
    assertThat(Json.tree(Json.bytes(Json.read(nested, Outcome.class)))).isEqualTo(Json.tree(nested.getBytes()));
  }

  @Test
  void aCommandOfAnOperationThisVersionDoesNotKnowKeepsItsPayloadWholeAndIsNotTyped() {
    String future = """
        {"commandId":"c-3","institution":"demo","partner":"INSPERA","operation":"publish-grades",\
        "payload":{"testId":"35199862","grades":[{"k":"10001","g":"B"}]},"causationId":"e-1",\
        "createdAt":"2026-06-20T08:00:00Z"}""";

    Command read = Json.read(future, Command.class);

    assertThat(read.payload()).isNull();
    assertThat(Json.string(read)).isEqualTo(future);
  }

  @Test
  void aCommandsIdHashesItsPayloadsJsonSoTheSameDecisionIsTheSameCommand() {
    Command once = Command.of("demo", Partner.WISEFLOW, new Payload.CreateReassessment("INF1000-1", "10001", 1),
        "fs-1", java.time.Instant.parse("2026-06-20T08:00:00Z"));
    Command again = Command.of("demo", Partner.WISEFLOW, new Payload.CreateReassessment("INF1000-1", "10001", 1),
        "fs-2", java.time.Instant.parse("2026-06-21T08:00:00Z"));
    Command nextRound = Command.of("demo", Partner.WISEFLOW, new Payload.CreateReassessment("INF1000-1", "10001", 2),
        "fs-1", java.time.Instant.parse("2026-06-20T08:00:00Z"));

    assertThat(again.commandId()).isEqualTo(once.commandId());
    assertThat(nextRound.commandId()).isNotEqualTo(once.commandId());
    assertThat(once.operation()).isEqualTo(Operations.CREATE_REASSESSMENT);
  }
}
