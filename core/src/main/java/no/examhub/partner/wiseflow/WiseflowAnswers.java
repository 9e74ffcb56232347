package no.examhub.partner.wiseflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.event.Result;

/**
 * Reads WISEflow's answers (OpenAPI 1.34.0) into what the case flow needs. WISEflow's enums are
 * integers and its timestamps unix seconds; the instants Examhub passes on are ISO.
 */
final class WiseflowAnswers {
  /** basic-flow {@code variant}: ORDINARY = 0, REEXAMINATION = 1, REMARKING = 2. */
  static final int ORDINARY = 0;
  /**
   * explanation-common {@code state}: 0 requested, 1 assigned, 2 assessor has submitted,
   * 3 manager (or automatic) has accepted the response. Only 3 is the explanation the institution
   * stands by: at 2 a manager may still send it back, and FS must not register a text that changes.
   * Flows that accept automatically reach 3 at once.
   */
  static final int EXPLANATION_ACCEPTED = 3;

  private WiseflowAnswers() {}

  /** The distinct flow ids of one {@code /sources/search} page, in order. */
  static List<Long> flowIds(JsonNode page) {
    return data(page).stream().map(s -> s.path("flow").path("flowid"))
        .filter(JsonNode::canConvertToLong).map(JsonNode::asLong).distinct().toList();
  }

  /**
   * The ordinary main flow: {@code variant} 0 and no {@code combinedMainFlowId} (set only on a
   * combined sub-flow). A re-examination or remarking flow carries the same SIS code and is never
   * the one appeals and explanations hang on; {@code purpose} (0 examination ... 3 master) says
   * nothing about which flow that is, so it is not read.
   */
  static boolean ordinaryMainFlow(JsonNode basicFlow) {
    JsonNode main = basicFlow.path("combinedMainFlowId");
    return basicFlow.path("variant").isIntegralNumber() && basicFlow.path("variant").asInt() == ORDINARY
        && (main.isMissingNode() || main.isNull());
  }

  /** The one ordinary main flow among the candidates; none or several is a permanent failure. */
  static long chosen(Set<Long> ordinaryMainFlows) throws PartnerFailure {
    if (ordinaryMainFlows.isEmpty()) {
      throw PartnerFailure.permanent("NO_FLOW", "WISEflow has no ordinary main flow for this SIS code");
    }
    if (ordinaryMainFlows.size() > 1) {
      throw PartnerFailure.permanent("AMBIGUOUS_FLOW",
          "WISEflow has " + ordinaryMainFlows.size() + " ordinary main flows for this SIS code: " + ordinaryMainFlows);
    }
    return ordinaryMainFlows.iterator().next();
  }

  /**
   * The participant on one page whose {@code user.externalIds} entry named {@code idName} holds
   * FS's kandidatnr (WISEflow has no candidate number field; which name carries it is licence
   * configuration).
   */
  static OptionalLong participantId(JsonNode page, String idName, String kandidatnr) {
    for (JsonNode p : data(page)) {
      for (JsonNode id : p.path("user").path("externalIds")) {
        if (idName.equals(id.path("name").asText(null)) && kandidatnr.equals(id.path("value").asText(null))
            && p.path("participantId").canConvertToLong()) {
          return OptionalLong.of(p.path("participantId").asLong());
        }
      }
    }
    return OptionalLong.empty();
  }

  /** Whether another page follows this one ({@code pagination.total}, else a full page). */
  static boolean morePages(JsonNode page, int offset) {
    int size = data(page).size();
    JsonNode total = page.path("pagination").path("total");
    if (total.canConvertToLong()) {
      return size > 0 && offset + size < total.asLong();
    }
    return size >= WiseflowApi.PAGE;
  }

  /**
   * {@code {"answered": false}} until the explanation is accepted ({@link #EXPLANATION_ACCEPTED});
   * then answered, given at its {@code acceptDate}. WISEflow's API returns no document or link for
   * the justification (the candidate reads it in WISEflow once it is shown), so FS gets none.
   */
  static Result.ExplanationPolled poll(JsonNode request) throws PartnerFailure {
    JsonNode state = request.path("state");
    if (!state.isIntegralNumber()) {
      throw PartnerFailure.permanent("UNREADABLE_ANSWER", "WISEflow's explanation request has no integer state");
    }
    if (state.asInt() < EXPLANATION_ACCEPTED) {
      return new Result.ExplanationPolled(false, state.asInt(), null);
    }
    JsonNode given = request.path("acceptDate");
    String givenAt = given.canConvertToLong() && given.asLong() > 0 ? Instant.ofEpochSecond(given.asLong()).toString() : null;
    return new Result.ExplanationPolled(true, state.asInt(), new Result.Explanation(null, null, null, givenAt));
  }

  private static List<JsonNode> data(JsonNode page) {
    List<JsonNode> out = new ArrayList<>();
    page.path("data").forEach(out::add);
    return out;
  }
}
