package no.examhub.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a command asks of a partner, one record per operation ({@link Operations}), in Examhub's
 * terms. The records are the contract between the flows that emit commands and the handlers that
 * carry them out; {@link Command}'s serde picks the record by the command's operation.
 *
 * <p>A command's id hashes its payload's JSON, so each record writes exactly the JSON its operation
 * had before the payloads were typed (pinned in {@code golden/commands}): absent fields are left
 * out, and rounds and flags travel as text (their {@code ToStringSerializer}).
 */
public sealed interface Payload {
  /** The operation this payload is for. */
  String operation();

  /** The record for an operation; null for one this version does not know (kept whole, never carried out). */
  static Class<? extends Payload> typeOf(String operation) {
    if (operation == null) {
      return null;
    }
    return switch (operation) {
      case Operations.REGISTER_APPEAL -> RegisterAppeal.class;
      case Operations.WITHDRAW_APPEAL -> WithdrawAppeal.class;
      case Operations.CREATE_REASSESSMENT -> CreateReassessment.class;
      case Operations.REGISTER_APPEAL_DECISION -> RegisterAppealDecision.class;
      case Operations.ENABLE_EXPLANATION_OPTION -> EnableExplanationOption.class;
      case Operations.REQUEST_EXPLANATION -> RequestExplanation.class;
      case Operations.FETCH_EXPLANATION -> FetchExplanation.class;
      case Operations.POLL_EXPLANATION -> PollExplanation.class;
      case Operations.SHOW_EXPLANATION -> ShowExplanation.class;
      case Operations.REGISTER_EXPLANATION -> RegisterExplanation.class;
      case Operations.FETCH_TEST_METADATA -> FetchTestMetadata.class;
      case Operations.ARCHIVE_THESIS -> ArchiveThesis.class;
      case Operations.EXPORT_TEST_EVENTS -> ExportTestEvents.class;
      case Operations.DOWNLOAD_TEST_EVENTS -> DownloadTestEvents.class;
      case Operations.FETCH_SESSION -> FetchSession.class;
      case Operations.NOTIFY_SUBSCRIBERS -> NotifySubscribers.class;
      default -> null;
    };
  }

  /** A payload of an appeal round: a command for an earlier round is no longer wanted (replays). */
  sealed interface OfRound extends Payload {
    long round();
  }

  /** Inspera: register the appeal on the test (resolved by vurdId) for the candidate. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RegisterAppeal(String vurdId, String kandidatnr, LocalDate sensurfrist, String kommisjonsidOppr,
      String kommisjonsidNy, @JsonSerialize(using = ToStringSerializer.class) long round) implements OfRound {
    public String operation() {
      return Operations.REGISTER_APPEAL;
    }
  }

  /** Inspera: withdraw the appeal, with the ids the registration learnt. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record WithdrawAppeal(String vurdId, String kandidatnr, String testId, String candidateUserId,
      @JsonSerialize(using = ToStringSerializer.class) long round) implements OfRound {
    public String operation() {
      return Operations.WITHDRAW_APPEAL;
    }
  }

  /** WISEflow: a reassessment of the flow whose source (SIS) code is FS's vurdId. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record CreateReassessment(String sisCode, String kandidatnr, @JsonSerialize(using = ToStringSerializer.class) long round)
      implements OfRound {
    public String operation() {
      return Operations.CREATE_REASSESSMENT;
    }
  }

  /** FS: the decision on the appeal closes it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RegisterAppealDecision(ExamSystem examSystem, String vurdId, String kandidatnr, Instant decidedAt,
      @JsonSerialize(using = ToStringSerializer.class) long round) implements OfRound {
    public String operation() {
      return Operations.REGISTER_APPEAL_DECISION;
    }
  }

  /** Inspera: turn explanations on for the test (by vurdId, or its id when known); one per test. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record EnableExplanationOption(String vurdId, String testId) implements Payload {
    public EnableExplanationOption(String vurdId) {
      this(vurdId, null);
    }

    public String operation() {
      return Operations.ENABLE_EXPLANATION_OPTION;
    }
  }

  /** Inspera or WISEflow: ask the examiners for the candidate's explanation. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RequestExplanation(String vurdId, String kandidatnr, LocalDate requestedOn) implements Payload {
    public String operation() {
      return Operations.REQUEST_EXPLANATION;
    }
  }

  /** Inspera: the published explanation's documents. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FetchExplanation(String vurdId, String kandidatnr, String testId, String candidateUserId) implements Payload {
    public String operation() {
      return Operations.FETCH_EXPLANATION;
    }
  }

  /** WISEflow: has the explanation request been answered? Each round is its own command. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record PollExplanation(String flowId, String explanationRequestId, String vurdId, String kandidatnr,
      @JsonSerialize(using = ToStringSerializer.class) long round) implements Payload {
    public String operation() {
      return Operations.POLL_EXPLANATION;
    }
  }

  /** WISEflow: show the answered explanation to the candidate. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ShowExplanation(String flowId, String explanationRequestId,
      @JsonSerialize(using = ToStringSerializer.class) boolean showJustification) implements Payload {
    public String operation() {
      return Operations.SHOW_EXPLANATION;
    }
  }

  /** FS: the explanation as FS's begrunnelse fields name it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RegisterExplanation(ExamSystem examSystem, String vurdId, String kandidatnr, String urlBegrunnelse,
      LocalDate datoBegrunnelseBedtOm, String dokumentBegrunnelse, String datoBegrunnelseGitt,
      String contentTypeBegrunnelse) implements Payload {
    public String operation() {
      return Operations.REGISTER_EXPLANATION;
    }
  }

  /** Inspera: what the test is (a master thesis?), once its grades are confirmed. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FetchTestMetadata(String testId, Instant gradesConfirmedAt) implements Payload {
    public String operation() {
      return Operations.FETCH_TEST_METADATA;
    }
  }

  /** The archive: file the thesis with what the archive's mapping needs; statuses are the case's. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ArchiveThesis(String institution, ExamSystem examSystem, String vurdId, String kandidatnr, String testId,
      String title, String grade, Instant gradesPublishedAt, String appealStatus, String explanationStatus,
      List<ThesisFile> files) implements Payload {
    public String operation() {
      return Operations.ARCHIVE_THESIS;
    }
  }

  /** Inspera: order the test-events export. {@code trigger} makes each order its own command. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ExportTestEvents(String testId, String trigger) implements Payload {
    public String operation() {
      return Operations.EXPORT_TEST_EVENTS;
    }
  }

  /** Inspera: download the ordered export once its job is done; no job is a permanent failure. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record DownloadTestEvents(String testId, String jobId) implements Payload {
    public String operation() {
      return Operations.DOWNLOAD_TEST_EVENTS;
    }
  }

  /** Proview: the session the callback named. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FetchSession(String sessionUuid, String externalId) implements Payload {
    public String operation() {
      return Operations.FETCH_SESSION;
    }
  }

  /** Metrica: pass the event on, whole, as Metrica sent it, to the test players subscribed to its kind. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record NotifySubscribers(String kind, JsonNode event) implements Payload {
    public String operation() {
      return Operations.NOTIFY_SUBSCRIBERS;
    }
  }

  /**
   * A thesis file as Inspera lists it; every field is written, null or not, as before. The item id
   * and size are Inspera's values as given (numbers today), passed on to the archive untouched.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record ThesisFile(String fileName, JsonNode contentItemId, JsonNode fileSize, String url) {
    public ThesisFile {
      contentItemId = contentItemId == null || contentItemId.isNull() ? null : contentItemId;
      fileSize = fileSize == null || fileSize.isNull() ? null : fileSize;
    }
  }
}
