package no.examhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.config.Setting;
import org.junit.jupiter.api.Test;

/** The README is what a newcomer trusts: its configuration table must say what the code does. */
class DocumentationTest {
  @Test
  void readmeDocumentsEverySettingWithItsDefault() throws IOException {
    String readme = Files.readString(Path.of("README.md"));

    for (Setting s : ExamhubConfig.SETTINGS) {
      String expectedDefault = s.defaultValue().isEmpty() ? "(unset)" : "`" + s.defaultValue() + "`";
      assertThat(readme).as("README row of " + s.name())
          .contains("| `" + s.name() + "` | " + expectedDefault + " |");
    }
  }

  @Test
  void readmeNamesTheTwoCommandsAndCiRunsTheTestOne() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String ci = Files.readString(Path.of(".ci", "run"));

    assertThat(readme).contains("./examhub ", "mvn -B verify");
    assertThat(ci).contains("mvn -B verify");
  }
}
