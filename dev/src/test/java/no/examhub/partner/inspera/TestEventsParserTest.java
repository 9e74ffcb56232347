package no.examhub.partner.inspera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import no.examhub.simulator.inspera.GeneratedExport;
import org.junit.jupiter.api.Test;

/** Seed 000's export file, read as a stream. */
class TestEventsParserTest {

  @Test
  void everyEventIsDeliveredWithItsCandidate() throws IOException {
    String file = """
        {"created": "2026-11-21T09:00:00Z", "candidates": [
          {"userId": 5001, "candidateId": "101", "events": [
            {"eventId": "e1", "event": "SEB_LOGIN", "timeStamp": "2026-11-20T09:00:01Z", "userId": 1},
            {"eventId": "e2", "event": "NETWORK_DISCONNECTED", "flaggingInfo": {"severityLevel": "HIGH"}}]},
          {"events": [{"eventId": "e3", "event": "NOTE"}], "candidateId": "102", "userId": 5002, "extra": {"a": [1]}}
        ]}""";
    List<String> seen = new ArrayList<>();

    TestEventsParser.Counts counts = TestEventsParser.parse(stream(file),
        (userId, candidateId, e) -> seen.add(userId + "/" + candidateId + "/" + e.path("eventId").asText()));

    assertThat(seen).containsExactly("5001/101/e1", "5001/101/e2", "5002/102/e3");
    assertThat(counts).isEqualTo(new TestEventsParser.Counts(2, 3));
  }

  @Test
  void aFileThatIsNotAnExportIsRefused() {
    assertThatThrownBy(() -> TestEventsParser.parse(stream("[1, 2]"), (u, c, e) -> {})).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> TestEventsParser.parse(stream("{\"candidates\": [{\"events\": [{]}"), (u, c, e) -> {}))
        .isInstanceOf(IOException.class);
  }

  /**
   * 200,000 events (about 80 MB) generated while they are read, so the file is never in memory:
   * the heap retained halfway through stays far below the file's size.
   */
  @Test
  void aLargeExportIsParsedCompletelyInBoundedMemory() throws IOException {
    GeneratedExport.Spec spec = new GeneratedExport.Spec(2_000, 100, 50);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = retainedHeap(memory);
    long[] halfway = new long[1];
    long[] flagged = new long[1];

    TestEventsParser.Counts counts = TestEventsParser.parse(new GeneratedExport("77", spec), (userId, candidateId, e) -> {
      if ("HIGH".equals(e.path("flaggingInfo").path("severityLevel").asText())) {
        flagged[0]++;
      }
      if (e.path("eventId").asText().equals("77-100000")) {
        halfway[0] = retainedHeap(memory);
      }
    });

    assertThat(counts.events()).isEqualTo(spec.events());
    assertThat(counts.candidates()).isEqualTo(2_000);
    assertThat(flagged[0]).isEqualTo(spec.highlyFlagged());
    assertThat(halfway[0] - before).as("heap retained halfway through an 80 MB file").isLessThan(16L << 20);
  }

  private static long retainedHeap(MemoryMXBean memory) {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static ByteArrayInputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
