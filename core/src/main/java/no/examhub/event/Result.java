package no.examhub.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * What a partner answered that the flows need, one record per kind of answer; {@link Outcome}'s
 * serde picks the record by the outcome's partner and operation ({@link #typeOf}). With an
 * "applied, result unknown" outcome, the record holds only what the handler knew before the call.
 * The records write the JSON the untyped results had (outcomes and execution records already
 * written stay readable; pinned in {@code golden/outcomes}).
 */
public sealed interface Result {
  /** The record for a partner's operation; null for one this version does not know (kept whole). */
  static Class<? extends Result> typeOf(Partner partner, String operation) {
    if (partner == null || operation == null) {
      return null;
    }
    return switch (operation) {
      case Operations.REGISTER_APPEAL, Operations.WITHDRAW_APPEAL, Operations.ENABLE_EXPLANATION_OPTION ->
          InsperaIds.class;
      case Operations.REQUEST_EXPLANATION -> partner == Partner.WISEFLOW ? WiseflowIds.class : InsperaIds.class;
      case Operations.CREATE_REASSESSMENT -> WiseflowIds.class;
      case Operations.FETCH_EXPLANATION -> ExplanationFetched.class;
      case Operations.POLL_EXPLANATION -> ExplanationPolled.class;
      case Operations.SHOW_EXPLANATION -> Done.class;
      case Operations.REGISTER_EXPLANATION, Operations.REGISTER_APPEAL_DECISION -> FsSent.class;
      case Operations.FETCH_TEST_METADATA -> TestMetadata.class;
      case Operations.ARCHIVE_THESIS -> Archived.class;
      case Operations.EXPORT_TEST_EVENTS -> ExportOrdered.class;
      case Operations.DOWNLOAD_TEST_EVENTS -> ExportDownloaded.class;
      case Operations.FETCH_SESSION -> ProctoringSession.class;
      case Operations.NOTIFY_SUBSCRIBERS -> Delivered.class;
      default -> null;
    };
  }

  /** Inspera's ids for the candidate's test, resolved by vurdId and candidate number. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record InsperaIds(String testId, String candidateUserId) implements Result {}

  /** WISEflow's ids: the main flow, the participant, and what the call created. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record WiseflowIds(Long flowId, Long participantId, Long reassessmentFlowId, Long explanationRequestId)
      implements Result {
    public static WiseflowIds of(long flowId, long participantId) {
      return new WiseflowIds(flowId, participantId, null, null);
    }
  }

  /** An explanation as published; WISEflow gives no document or link, only when it was given. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Explanation(String url, String document, String contentType, String givenAt) {}

  /** Inspera's published explanation for the candidate. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ExplanationFetched(String testId, String candidateUserId, Explanation explanation) implements Result {}

  /** A WISEflow explanation request's state; the explanation once it is answered. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ExplanationPolled(boolean answered, int state, Explanation explanation) implements Result {}

  /** Done, and nothing to tell: {@code {}}. (An annotated class with no fields is written empty, not refused.) */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Done() implements Result {}

  /** FS: whether the record was sent, and why not when it was not. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FsSent(boolean sent, String note) implements Result {}

  /** An Inspera test: a master thesis or not, its candidates, grades and files. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record TestMetadata(String testId, boolean masterThesis, String vurdId, String title,
      List<ThesisCandidate> candidates, Instant gradesPublishedAt) implements Result {}

  /** A candidate of a thesis test, by candidate number (never a personal number). */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record ThesisCandidate(String kandidatnr, String candidateUserId, String grade, List<Payload.ThesisFile> files) {}

  /** The archive's id for the filed thesis. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Archived(String archiveId) implements Result {}

  /** Inspera's job for an ordered export. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ExportOrdered(String testId, String jobId) implements Result {}

  /** A downloaded export, fanned out: how many candidates and events, and how many were flagged. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ExportDownloaded(String testId, String jobId, Long candidates, Long events, Long flagged)
      implements Result {}

  /**
   * A Proview session's rating and what an examiner needs to judge it, under Proview's own names;
   * {@code system_info} is passed on as Proview gave it.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ProctoringSession(String uuid, @JsonProperty("external_id") String externalId,
      @JsonProperty("final_rating") String finalRating, String status,
      @JsonProperty("session_started_at") String sessionStartedAt,
      @JsonProperty("session_ended_at") String sessionEndedAt, String title, String type,
      @JsonProperty("system_info") JsonNode systemInfo) implements Result {}

  /** The test players an event was delivered to. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Delivered(List<String> delivered) implements Result {}
}
