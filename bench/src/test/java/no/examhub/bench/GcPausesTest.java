package no.examhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The pauses of one measurement: counted, summed, the longest kept, and reset for the next. */
class GcPausesTest {
  private static final Pattern SUMMARY = Pattern.compile("GC pauses (\\d+), (\\d+) ms in all, longest (\\d+) ms");

  @Test
  void aSummaryCountsSumsAndKeepsTheLongestPauseSinceTheLastOne() {
    try (GcPauses pauses = new GcPauses()) {
      pauses.add(500);
      pauses.takeSummary();
      pauses.add(3);
      pauses.add(11);
      pauses.add(2);

      // A real collection may add to it between the calls, never take from it.
      Matcher m = SUMMARY.matcher(pauses.takeSummary());
      assertThat(m.matches()).isTrue();
      assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(3);
      assertThat(Long.parseLong(m.group(2))).isGreaterThanOrEqualTo(16);
      // The 500 ms before the reset is gone; a real pause of that length here would be news.
      assertThat(Long.parseLong(m.group(3))).isBetween(11L, 499L);
    }
  }
}
