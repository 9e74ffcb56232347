package no.examhub.logscan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs after the rest of the suite (its own Surefire execution, see pom.xml) and reads everything
 * the suite logged, unredacted: no national id (fødselsnummer, personlopenr: 11 digits, also as
 * 6 + 5) may appear in clear. The FS simulator's demo records carry such numbers, so the FS poller
 * and the flows behind it are exercised with them.
 */
class PersonalNumberLogScanTest {
  private static final Path LOG = Path.of("target", "test-logs", "suite.log");
  private static final Pattern NATIONAL_ID = Pattern.compile("(?<![0-9A-Za-z-])\\d{6}\\s?\\d{5}(?![0-9A-Za-z-])");

  @Test
  void theSuitesLogsHoldNoNationalIdInClear() throws IOException {
    assertThat(LOG).as("the suite wrote its log").exists();
    List<String> offending = Files.readAllLines(LOG).stream()
        .filter(line -> NATIONAL_ID.matcher(line).find())
        .limit(5)
        .toList();

    assertThat(offending).as("log lines with an 11-digit national id").isEmpty();
  }
}
