package no.examhub.partner.wiseflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHandler;
import no.examhub.dispatch.PartnerHttp;
import no.examhub.event.Command;
import no.examhub.event.Partner;
import no.examhub.flow.cases.Operations;
import no.examhub.institution.PartnerCredentials;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.platform.json.Json;

/**
 * WISEflow (seed 003): reassessment flows for appeals, explanation requests, their polling and
 * their visibility. The result of each operation carries what the case flow needs next
 * ({@code flowId}, {@code participantId}, {@code reassessmentFlowId}, {@code explanationRequestId},
 * {@code answered} and the {@code explanation}).
 */
public final class WiseflowHandler implements PartnerHandler {
  /** Norwegian law asks for an explanation within two weeks of the request (uhl. § 11-8). */
  static final int EXPLANATION_DUE_DAYS = 14;
  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

  private final PartnerHttp http;
  private final String baseUrl;
  private final PartnerCredentialsRepository credentials;
  private final Clock clock;

  public WiseflowHandler(PartnerHttp http, String baseUrl, PartnerCredentialsRepository credentials, Clock clock) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.credentials = credentials;
    this.clock = clock;
  }

  @Override
  public Partner partner() {
    return Partner.WISEFLOW;
  }

  @Override
  public JsonNode execute(Command c) throws PartnerFailure {
    WiseflowApi api = new WiseflowApi(http, baseUrl, apiKey(c.institution()), c.commandId());
    JsonNode p = c.payload();
    return switch (c.operation()) {
      case Operations.CREATE_REASSESSMENT -> createReassessment(api, p);
      case Operations.REQUEST_EXPLANATION -> requestExplanation(api, p);
      case Operations.POLL_EXPLANATION -> WiseflowAnswers.poll(
          api.explanationRequest(id(p, "flowId"), id(p, "explanationRequestId")));
      case Operations.SHOW_EXPLANATION -> {
        api.showExplanation(id(p, "flowId"), id(p, "explanationRequestId"));
        yield Json.MAPPER.createObjectNode();
      }
      default -> throw PartnerFailure.permanent("UNKNOWN_OPERATION", "WISEflow cannot " + c.operation());
    };
  }

  private static JsonNode createReassessment(WiseflowApi api, JsonNode p) throws PartnerFailure {
    long flowId = WiseflowAnswers.flowId(api.flowsBySisCode(text(p, "sisCode")));
    long participantId = WiseflowAnswers.participantId(api.participants(flowId), text(p, "kandidatnr"));
    JsonNode created = api.createReassessment(flowId);
    if (!created.path("reassessmentFlowId").canConvertToLong()) {
      throw PartnerFailure.permanent("UNREADABLE_ANSWER", "WISEflow answered no reassessmentFlowId");
    }
    return ids(flowId, participantId).put("reassessmentFlowId", created.path("reassessmentFlowId").asLong());
  }

  private JsonNode requestExplanation(WiseflowApi api, JsonNode p) throws PartnerFailure {
    long flowId = WiseflowAnswers.flowId(api.flowsBySisCode(text(p, "vurdId")));
    long participantId = WiseflowAnswers.participantId(api.participants(flowId), text(p, "kandidatnr"));
    JsonNode created = api.requestExplanation(flowId, participantId, dueDate(p));
    if (!created.path("explanationRequestId").canConvertToLong()) {
      throw PartnerFailure.permanent("UNREADABLE_ANSWER", "WISEflow answered no explanationRequestId");
    }
    return ids(flowId, participantId).put("explanationRequestId", created.path("explanationRequestId").asLong());
  }

  /** Due two weeks after FS received the request (today when FS gave no date), in unix seconds. */
  private long dueDate(JsonNode p) {
    String requestedOn = p.path("requestedOn").asText("");
    LocalDate from = requestedOn.isBlank() ? LocalDate.now(clock.withZone(OSLO)) : LocalDate.parse(requestedOn);
    return from.plusDays(EXPLANATION_DUE_DAYS).atStartOfDay(OSLO).toEpochSecond();
  }

  private String apiKey(String institution) throws PartnerFailure {
    return credentials.find(institution, Partner.WISEFLOW).map(PartnerCredentials::secret)
        .orElseThrow(() -> PartnerFailure.permanent("NO_CREDENTIALS", "no WISEflow credentials for " + institution));
  }

  private static ObjectNode ids(long flowId, long participantId) {
    return Json.MAPPER.createObjectNode().put("flowId", flowId).put("participantId", participantId);
  }

  private static String text(JsonNode p, String field) throws PartnerFailure {
    String v = p.path(field).asText("");
    if (v.isBlank()) {
      throw PartnerFailure.permanent("INCOMPLETE_COMMAND", "the command carries no " + field);
    }
    return v;
  }

  private static long id(JsonNode p, String field) throws PartnerFailure {
    try {
      return Long.parseLong(text(p, field));
    } catch (NumberFormatException e) {
      throw PartnerFailure.permanent("INCOMPLETE_COMMAND", field + " is not a WISEflow id");
    }
  }
}
