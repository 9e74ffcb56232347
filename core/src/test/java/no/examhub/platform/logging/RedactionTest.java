package no.examhub.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void elevenDigitNationalIdsAreRedactedWithOrWithoutTheSpace() {
    assertThat(Redaction.redact("Unrecognized token '01019912345': was expecting"))
        .isEqualTo("Unrecognized token '<redacted>': was expecting");
    assertThat(Redaction.redact("fnr 010199 12345 end")).isEqualTo("fnr <redacted> end");
  }

  @Test
  void otherNumbersAreKept() {
    assertThat(Redaction.redact("contextObjectId 35199862, offset 123456789012"))
        .isEqualTo("contextObjectId 35199862, offset 123456789012");
  }
}
