package no.examhub.partner.proctoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The respondent reads why they were turned away in their language when we have it, else in English. */
class RejectionTest {
  @Test
  void languageWithoutTranslationFallsBackToEnglish() {
    assertThat(Rejection.WRONG_ACCESS_CODE.message("ru")).startsWith("The candidate id or access code is not right");
    assertThat(Rejection.WRONG_ACCESS_CODE.message(null)).isEqualTo(Rejection.WRONG_ACCESS_CODE.message("en"));
  }

  @Test
  void norwegianTagsWithRegionOrCaseStillFindNorwegian() {
    assertThat(Rejection.UNKNOWN_EXAM.message("NO")).contains("stemmer ikke");
    assertThat(Rejection.UNKNOWN_EXAM.message("nb-NO")).contains("stemmer ikke");
    assertThat(Rejection.UNKNOWN_EXAM.message("nn_NO")).contains("stemmer ikkje");
  }

  @Test
  void anUnknownExamAnUnlistedCandidateAndAWrongCodeReadTheSameInEveryLanguage() {
    for (String language : new String[] {"en", "no", "nn", "ru", null}) {
      assertThat(Rejection.UNKNOWN_CANDIDATE.message(language))
          .isEqualTo(Rejection.UNKNOWN_EXAM.message(language))
          .isEqualTo(Rejection.WRONG_ACCESS_CODE.message(language));
    }
  }

  @Test
  void everyReasonHasEnglishAndNorwegian() {
    for (Rejection reason : Rejection.values()) {
      assertThat(reason.message("en")).isNotBlank();
      assertThat(reason.message("no")).isNotBlank().isNotEqualTo(reason.message("en"));
    }
  }
}
