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

  /** Each path the partner guide lists is a route the code registers (by its literal text). */
  @Test
  void ingressGuideListsOnlyRoutesTheCodeRegisters() throws IOException {
    String guide = Files.readString(Path.of("docs", "ingress.md"));
    String code;
    try (var files = Files.walk(Path.of("core", "src", "main", "java"))) {
      code = files.filter(f -> f.toString().endsWith(".java")).map(DocumentationTest::read)
          .reduce("", String::concat);
    }
    var rows = java.util.regex.Pattern.compile("^\\| `(GET|POST|PUT|DELETE|PATCH) (/[^`]+)`", java.util.regex.Pattern.MULTILINE)
        .matcher(guide);
    int checked = 0;
    while (rows.find()) {
      String path = rows.group(2);
      String withoutPrefix = path.startsWith("/metrica") ? path.substring("/metrica".length()) : path;
      String parameters = path.contains("/{") ? path.substring(path.indexOf("/{")) : path;
      assertThat(code).as(path + " is registered").containsAnyOf("\"" + path + "\"", "\"" + withoutPrefix + "\"",
          "\"" + parameters + "\"");
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(15);
  }

  @Test
  void operationsGuideExplainsEveryAlertRule() throws IOException {
    String rules = Files.readString(Path.of("prometheus", "alerts.yml"));
    String guide = Files.readString(Path.of("docs", "operations.md"));
    var alerts = java.util.regex.Pattern.compile("- alert: (\\w+)").matcher(rules);
    int checked = 0;
    while (alerts.find()) {
      assertThat(guide).as("docs/operations.md explains " + alerts.group(1)).contains("`" + alerts.group(1) + "`");
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(6);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
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
