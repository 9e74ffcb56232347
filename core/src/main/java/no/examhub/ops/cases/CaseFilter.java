package no.examhub.ops.cases;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Predicate;
import no.examhub.flow.cases.CaseState;
import no.examhub.flow.cases.CaseState.AppealStatus;
import no.examhub.flow.cases.CaseState.ExplanationStatus;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;

/**
 * A search over cases: {@code flow} ({@code appeal} or {@code explanation}), {@code state} (that
 * flow's status, e.g. {@code ACTIVE} or {@code REQUESTED}; without a flow, either's),
 * {@code institution}, {@code vurdId}, {@code kandidatnr}, {@code testId} (Inspera's test, the
 * thesis's too) and {@code flowId} (a WISEflow flow, the reassessment flow too). Every part is
 * optional; a misspelt flow or state is a 400, never an empty answer. The operator API and the
 * console search with the same filter, and it travels to the other instances as {@link #query}.
 */
public record CaseFilter(String flow, String state, String institution, String vurdId, String kandidatnr,
    String testId, String flowId) implements Predicate<CaseState> {

  /** The parameters of {@code GET /api/cases}, by name. */
  public static CaseFilter of(java.util.function.Function<String, String> param) {
    return of(param.apply("flow"), param.apply("state"), param.apply("institution"), param.apply("vurdId"),
        param.apply("kandidatnr"), param.apply("testId"), param.apply("flowId"));
  }

  public static CaseFilter of(String flow, String state, String institution, String vurdId, String kandidatnr,
      String testId, String flowId) {
    String f = blankToNull(flow) == null ? null : flow.trim().toLowerCase(Locale.ROOT);
    String s = blankToNull(state) == null ? null : state.trim().toUpperCase(Locale.ROOT);
    if (f != null && !f.equals("appeal") && !f.equals("explanation")) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "flow must be appeal or explanation");
    }
    if (s != null && !isState(f, s)) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "state must be one of " + statesOf(f));
    }
    return new CaseFilter(f, s, blankToNull(institution), blankToNull(vurdId), blankToNull(kandidatnr),
        blankToNull(testId), blankToNull(flowId));
  }

  /** Whether no part is filled in. */
  public boolean empty() {
    return java.util.stream.Stream.of(flow, state, institution, vurdId, kandidatnr, testId, flowId)
        .allMatch(java.util.Objects::isNull);
  }

  /** The filled-in parts as a query string ({@code flow=appeal&institution=uio}), in a fixed order. */
  String query() {
    StringBuilder q = new StringBuilder();
    param(q, "flow", flow);
    param(q, "state", state);
    param(q, "institution", institution);
    param(q, "vurdId", vurdId);
    param(q, "kandidatnr", kandidatnr);
    param(q, "testId", testId);
    param(q, "flowId", flowId);
    return q.toString();
  }

  private static void param(StringBuilder q, String name, String value) {
    if (value != null) {
      q.append('&').append(name).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Override
  public boolean test(CaseState c) {
    if (!is(institution, c.institution()) || !is(vurdId, c.vurdId()) || !is(kandidatnr, c.kandidatnr())
        || !is(testId, c.ids().testId() != null ? c.ids().testId() : c.thesis() == null ? null : c.thesis().testId())
        || !(is(flowId, c.ids().flowId()) || (flowId != null && flowId.equals(c.ids().reassessmentFlowId())))) {
      return false;
    }
    boolean appealMatches = state == null ? c.appeal().status() != AppealStatus.NONE
        : c.appeal().status().name().equals(state);
    boolean explanationMatches = state == null ? c.explanation().status() != ExplanationStatus.NONE
        : c.explanation().status().name().equals(state);
    if ("appeal".equals(flow)) {
      return appealMatches;
    }
    if ("explanation".equals(flow)) {
      return explanationMatches;
    }
    return state == null || appealMatches || explanationMatches;
  }

  private static boolean is(String wanted, String actual) {
    return wanted == null || wanted.equals(actual);
  }

  private static boolean isState(String flow, String state) {
    return statesOf(flow).contains(state);
  }

  private static java.util.List<String> statesOf(String flow) {
    java.util.stream.Stream<String> appeal = Arrays.stream(AppealStatus.values()).map(Enum::name);
    java.util.stream.Stream<String> explanation = Arrays.stream(ExplanationStatus.values()).map(Enum::name);
    if ("appeal".equals(flow)) {
      return appeal.toList();
    }
    if ("explanation".equals(flow)) {
      return explanation.toList();
    }
    return java.util.stream.Stream.concat(appeal, explanation).distinct().toList();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
