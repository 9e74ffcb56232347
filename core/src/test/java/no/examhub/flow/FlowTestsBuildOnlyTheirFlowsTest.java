package no.examhub.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import no.examhub.flow.proctoring.RosterTopology;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.testing.Drivers;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * A flow's test builds only the flow it tests ({@code Drivers.of}), so a change to another flow
 * cannot break it and what it checks is plainly that flow's doing. Only the test whose subject is
 * the whole topology (its committed description) builds the whole.
 */
class FlowTestsBuildOnlyTheirFlowsTest {
  private static final Path FLOW_TESTS = Path.of("core", "src", "test", "java", "no", "examhub", "flow");
  private static final List<String> WHOLE_TOPOLOGY_SUBJECTS = List.of("TopologyDescriptionTest.java",
      "FlowTestsBuildOnlyTheirFlowsTest.java");

  @Test
  void noFlowTestBuildsTheWholeTopology() throws IOException {
    try (Stream<Path> files = Files.walk(FLOW_TESTS)) {
      List<String> wholes = files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !WHOLE_TOPOLOGY_SUBJECTS.contains(p.getFileName().toString()))
          .filter(p -> read(p).contains("Drivers.whole(") || read(p).contains("ExamhubTopology.build("))
          .map(p -> FLOW_TESTS.relativize(p).toString())
          .toList();
      assertThat(wholes).as("flow tests that build the whole topology instead of Drivers.of(their flows)").isEmpty();
    }
  }

  @Test
  void aDriverOfOneFlowHoldsThatFlowsStoresAndNoOther() {
    try (TopologyTestDriver driver = Drivers.of("one-flow",
        builder -> RosterTopology.addTo(builder, ExamhubConfig.defaults()))) {
      assertThat(driver.getAllStateStores().keySet()).containsExactly(RosterTopology.STORE);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
