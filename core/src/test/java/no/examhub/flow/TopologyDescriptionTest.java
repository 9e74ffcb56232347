package no.examhub.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import no.examhub.ExamhubTopology;
import no.examhub.platform.config.ExamhubConfig;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code topology/} is the map of the Streams application. This test writes it
 * afresh and fails when the committed copy was stale, so a renamed store or topic shows in review.
 */
class TopologyDescriptionTest {
  private static final Path COMMITTED = Path.of("topology", "examhub-topology.txt");

  @Test
  void committedDescriptionMatchesTheTopology() throws IOException {
    String current = ExamhubTopology.build(ExamhubConfig.defaults()).describe().toString();
    String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";
    if (!committed.equals(current)) {
      Files.createDirectories(COMMITTED.getParent());
      Files.writeString(COMMITTED, current);
    }
    assertThat(committed)
        .as("topology/examhub-topology.txt was stale and has been rewritten: review and commit it")
        .isEqualTo(current);
  }

  @Test
  void everyProcessorStoreAndTopicHasAChosenName() {
    String description = ExamhubTopology.build(ExamhubConfig.defaults()).describe().toString();

    assertThat(description).doesNotContain("KSTREAM-", "KTABLE-", "KSTREAM-SOURCE", "-STATE-STORE-");
  }
}
