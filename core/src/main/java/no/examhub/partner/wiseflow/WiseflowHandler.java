package no.examhub.partner.wiseflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.OptionalLong;
import java.util.Set;
import no.examhub.dispatch.Changing;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHandler;
import no.examhub.dispatch.PartnerHttp;
import no.examhub.event.Command;
import no.examhub.event.Partner;
import no.examhub.event.Payload;
import no.examhub.event.Result;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.institution.PartnerCredentials;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.institution.PartnerEndpoints;
import no.examhub.institution.PartnerSettings;

/**
 * WISEflow (seed 003, OpenAPI 1.34.0): reassessment flows for appeals, explanation requests, their
 * polling and their visibility, each against the command's institution's own licence (its server,
 * {@code x-api-key} or OAuth2). The result of each operation carries what the case flow needs next
 * ({@code flowId}, {@code participantId}, {@code reassessmentFlowId}, {@code explanationRequestId},
 * {@code answered} and the {@code explanation}).
 */
public final class WiseflowHandler implements PartnerHandler {
  /** Norwegian law asks for an explanation within two weeks of the request (uhl. § 11-8). */
  static final int EXPLANATION_DUE_DAYS = 14;
  /** A bound on paging, so an answer whose pagination never ends cannot hold a worker forever. */
  static final int MAX_PAGES = 200;
  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

  private final PartnerHttp http;
  private final PartnerEndpoints endpoints;
  private final InstitutionDirectory institutions;
  private final PartnerCredentialsRepository credentials;
  private final WiseflowTokens tokens;
  private final Clock clock;

  public WiseflowHandler(PartnerHttp http, PartnerEndpoints endpoints, InstitutionDirectory institutions,
      PartnerCredentialsRepository credentials, Duration connectTimeout, Duration readTimeout, Clock clock) {
    this.http = http;
    this.endpoints = endpoints;
    this.institutions = institutions;
    this.credentials = credentials;
    this.tokens = new WiseflowTokens(connectTimeout, readTimeout, clock);
    this.clock = clock;
  }

  @Override
  public Partner partner() {
    return Partner.WISEFLOW;
  }

  @Override
  public Result execute(Command c) throws PartnerFailure {
    Institution institution = institutions.find(c.institution()).orElseThrow(() ->
        PartnerFailure.permanent("UNKNOWN_INSTITUTION", "no institution " + c.institution()));
    WiseflowApi api = api(institution, c);
    String candidateIdName = institution.partners().wiseflow().candidateIdName();
    Payload payload = c.payload();
    if (payload instanceof Payload.CreateReassessment p) {
      return createReassessment(api, p, candidateIdName);
    } else if (payload instanceof Payload.RequestExplanation p) {
      return requestExplanation(api, p, candidateIdName);
    } else if (payload instanceof Payload.PollExplanation p) {
      return WiseflowAnswers.poll(api.explanationRequest(id(p.flowId(), "flowId"),
          id(p.explanationRequestId(), "explanationRequestId")));
    } else if (payload instanceof Payload.ShowExplanation p) {
      long flowId = id(p.flowId(), "flowId");
      long requestId = id(p.explanationRequestId(), "explanationRequestId");
      Changing.call(new Result.Done(), () -> api.showExplanation(flowId, requestId));
      return new Result.Done();
    }
    throw PartnerFailure.permanent("UNKNOWN_OPERATION", "WISEflow cannot " + c.operation());
  }

  /** The institution's server and access; anything missing is permanent, so the command dead-letters. */
  private WiseflowApi api(Institution institution, Command c) throws PartnerFailure {
    String baseUrl = endpoints.wiseflow(institution).orElseThrow(() ->
        PartnerFailure.permanent("NO_ENDPOINT", "no WISEflow server configured for " + c.institution()));
    PartnerCredentials account = credentials.find(c.institution(), Partner.WISEFLOW)
        .filter(a -> a.secret() != null && !a.secret().isBlank())
        .orElseThrow(() -> PartnerFailure.permanent("NO_CREDENTIALS", "no WISEflow credentials for " + c.institution()));
    PartnerSettings.Wiseflow licence = institution.partners().wiseflow();
    if (licence.auth() == PartnerSettings.WiseflowAuth.OAUTH2 && (account.username() == null || account.username().isBlank())) {
      throw PartnerFailure.permanent("NO_CREDENTIALS", "WISEflow OAuth2 for " + c.institution() + " needs a client id");
    }
    return new WiseflowApi(http, baseUrl, new WiseflowAccess(c.institution(), licence.auth(),
        tokenUrl(licence, baseUrl), account, tokens), c.commandId());
  }

  /**
   * The configured token URL, else the server's own: the OpenAPI's {@code /oauth2/token} path
   * under the server (its securitySchemes name {@code /v1/oauth2/token}, the same place).
   */
  static String tokenUrl(PartnerSettings.Wiseflow licence, String baseUrl) {
    return licence.tokenUrl().isBlank() ? baseUrl + "/oauth2/token" : licence.tokenUrl();
  }

  private static Result createReassessment(WiseflowApi api, Payload.CreateReassessment p, String idName)
      throws PartnerFailure {
    long flowId = flowId(api, text(p.sisCode(), "sisCode"));
    long participantId = participantId(api, flowId, idName, text(p.kandidatnr(), "kandidatnr"));
    Result.WiseflowIds known = Result.WiseflowIds.of(flowId, participantId);
    JsonNode created = Changing.call(known, () -> api.createReassessment(flowId));
    if (!created.path("reassessmentFlowId").canConvertToLong()) {
      throw Changing.unexpected("WISEflow answered no reassessmentFlowId", known);
    }
    return new Result.WiseflowIds(flowId, participantId, created.path("reassessmentFlowId").asLong(), null);
  }

  private Result requestExplanation(WiseflowApi api, Payload.RequestExplanation p, String idName)
      throws PartnerFailure {
    long flowId = flowId(api, text(p.vurdId(), "vurdId"));
    long participantId = participantId(api, flowId, idName, text(p.kandidatnr(), "kandidatnr"));
    long dueDate = dueDate(p.requestedOn());
    Result.WiseflowIds known = Result.WiseflowIds.of(flowId, participantId);
    JsonNode created = Changing.call(known, () -> api.requestExplanation(flowId, participantId, dueDate));
    if (!created.path("explanationRequestId").canConvertToLong()) {
      throw Changing.unexpected("WISEflow answered no explanationRequestId", known);
    }
    return new Result.WiseflowIds(flowId, participantId, null, created.path("explanationRequestId").asLong());
  }

  /**
   * The ordinary main flow carrying FS's vurdId as its source (SIS) code: every page of
   * {@code /sources/search}, then each flow's {@code GET /flow/{id}}, since the search's flow
   * summary has no variant and no combinedMainFlowId.
   */
  private static long flowId(WiseflowApi api, String sisCode) throws PartnerFailure {
    Set<Long> candidates = new LinkedHashSet<>();
    int offset = 0;
    for (int page = 0; page < MAX_PAGES; page++) {
      JsonNode answer = api.searchSources(sisCode, offset);
      candidates.addAll(WiseflowAnswers.flowIds(answer));
      if (!WiseflowAnswers.morePages(answer, offset)) {
        break;
      }
      offset += answer.path("data").size();
    }
    Set<Long> ordinaryMain = new LinkedHashSet<>();
    for (long candidate : candidates) {
      if (WiseflowAnswers.ordinaryMainFlow(api.flow(candidate))) {
        ordinaryMain.add(candidate);
      }
    }
    return WiseflowAnswers.chosen(ordinaryMain);
  }

  /** Pages through the flow's participants until the candidate is found. */
  private static long participantId(WiseflowApi api, long flowId, String idName, String kandidatnr)
      throws PartnerFailure {
    int offset = 0;
    for (int page = 0; page < MAX_PAGES; page++) {
      JsonNode answer = api.participants(flowId, offset);
      OptionalLong found = WiseflowAnswers.participantId(answer, idName, kandidatnr);
      if (found.isPresent()) {
        return found.getAsLong();
      }
      if (!WiseflowAnswers.morePages(answer, offset)) {
        break;
      }
      offset += answer.path("data").size();
    }
    throw PartnerFailure.permanent("NO_PARTICIPANT",
        "the flow has no participant whose externalIds " + idName + " is this candidate number");
  }

  /** Due two weeks after FS received the request (today when FS gave no date), in unix seconds. */
  private long dueDate(LocalDate requestedOn) {
    LocalDate from = requestedOn == null ? LocalDate.now(clock.withZone(OSLO)) : requestedOn;
    return from.plusDays(EXPLANATION_DUE_DAYS).atStartOfDay(OSLO).toEpochSecond();
  }

  private static String text(String v, String field) throws PartnerFailure {
    if (v == null || v.isBlank()) {
      throw PartnerFailure.permanent("INCOMPLETE_COMMAND", "the command carries no " + field);
    }
    return v;
  }

  private static long id(String v, String field) throws PartnerFailure {
    try {
      return Long.parseLong(text(v, field));
    } catch (NumberFormatException e) {
      throw PartnerFailure.permanent("INCOMPLETE_COMMAND", field + " is not a WISEflow id");
    }
  }
}
