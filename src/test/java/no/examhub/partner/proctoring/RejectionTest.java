package no.examhub.partner.proctoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The respondent reads why they were turned away in their language when we have it, else in English. */
class RejectionTest {
  @Test
  void languageWithoutTranslationFallsBackToEnglish() {
    assertThat(Rejection.WRONG_ACCESS_CODE.message("ru")).isEqualTo("Wrong access code.");
    assertThat(Rejection.WRONG_ACCESS_CODE.message(null)).isEqualTo("Wrong access code.");
  }

  @Test
  void norwegianTagsWithRegionOrCaseStillFindNorwegian() {
    assertThat(Rejection.UNKNOWN_EXAM.message("NO")).startsWith("Eksamenen er ukjent");
    assertThat(Rejection.UNKNOWN_EXAM.message("nb-NO")).startsWith("Eksamenen er ukjent");
    assertThat(Rejection.UNKNOWN_EXAM.message("nn_NO")).startsWith("Eksamenen er ukjend");
  }

  @Test
  void everyReasonHasEnglishAndNorwegian() {
    for (Rejection reason : Rejection.values()) {
      assertThat(reason.message("en")).isNotBlank();
      assertThat(reason.message("no")).isNotBlank().isNotEqualTo(reason.message("en"));
    }
  }
}
