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
 * flow's status, e.g. {@code ACTIVE} or {@code REQUESTED}; without a flow, either's), and
 * {@code institution}. Every part is optional; a misspelt one is a 400, never an empty answer.
 */
record CaseFilter(String flow, String state, String institution) implements Predicate<CaseState> {

  static CaseFilter of(String flow, String state, String institution) {
    String f = blankToNull(flow) == null ? null : flow.trim().toLowerCase(Locale.ROOT);
    String s = blankToNull(state) == null ? null : state.trim().toUpperCase(Locale.ROOT);
    if (f != null && !f.equals("appeal") && !f.equals("explanation")) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "flow must be appeal or explanation");
    }
    if (s != null && !isState(f, s)) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "state must be one of " + statesOf(f));
    }
    return new CaseFilter(f, s, blankToNull(institution));
  }

  @Override
  public boolean test(CaseState c) {
    if (institution != null && !institution.equals(c.institution())) {
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
