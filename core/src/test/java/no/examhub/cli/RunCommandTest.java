package no.examhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What `./examhub` prints at start never shows the store's password. */
class RunCommandTest {
  @Test
  void theMongoUriIsPrintedWithoutItsCredentials() {
    assertThat(RunCommand.withoutCredentials("mongodb://examhub:s3cret@mongo-1:27017,mongo-2/examhub?authSource=admin"))
        .isEqualTo("mongodb://***@mongo-1:27017,mongo-2/examhub?authSource=admin");
    assertThat(RunCommand.withoutCredentials("mongodb+srv://u:p@cluster.example.net")).isEqualTo("mongodb+srv://***@cluster.example.net");
    assertThat(RunCommand.withoutCredentials("mongodb://mongo:27017")).isEqualTo("mongodb://mongo:27017");
  }
}
