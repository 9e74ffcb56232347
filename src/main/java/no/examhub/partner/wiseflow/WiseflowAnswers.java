package no.examhub.partner.wiseflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.platform.json.Json;

/** Reads WISEflow's answers into what the case flow needs; WISEflow's unix seconds become ISO instants. */
final class WiseflowAnswers {
  private WiseflowAnswers() {}

  /**
   * The assessment flow among those listed for a SIS code. Combined flows list their sub-flows
   * too; the main (or only) assessment flow is the one participants and reassessments hang on.
   */
  static long flowId(JsonNode flows) throws PartnerFailure {
    JsonNode chosen = null;
    for (JsonNode f : flows) {
      boolean main = f.path("combinedMainFlowId").isNull() || f.path("combinedMainFlowId").isMissingNode();
      if (main && (chosen == null || "assessment".equals(f.path("purpose").asText()))) {
        chosen = f;
      }
    }
    if (chosen == null || !chosen.path("flowId").canConvertToLong()) {
      throw PartnerFailure.permanent("NO_FLOW", "WISEflow has no flow for this SIS code");
    }
    return chosen.path("flowId").asLong();
  }

  /** The participant whose {@code user.candidateNumber} is FS's kandidatnr. */
  static long participantId(JsonNode participants, String kandidatnr) throws PartnerFailure {
    for (JsonNode p : participants) {
      if (kandidatnr.equals(p.path("user").path("candidateNumber").asText(null)) && p.path("id").canConvertToLong()) {
        return p.path("id").asLong();
      }
    }
    throw PartnerFailure.permanent("NO_PARTICIPANT", "the flow has no participant with this candidate number");
  }

  /** {@code {"answered": false}}, or answered with the explanation FS will register. */
  static JsonNode poll(JsonNode request) {
    JsonNode j = request.path("justification");
    ObjectNode result = Json.MAPPER.createObjectNode();
    if (!j.isObject()) {
      return result.put("answered", false);
    }
    ObjectNode explanation = result.put("answered", true).putObject("explanation");
    explanation.put("url", j.path("fileUrl").asText(null));
    explanation.put("document", j.path("fileName").asText(null));
    explanation.put("contentType", j.path("mimeType").asText(null));
    if (j.path("givenDate").canConvertToLong()) {
      explanation.put("givenAt", Instant.ofEpochSecond(j.path("givenDate").asLong()).toString());
    }
    return result;
  }
}
