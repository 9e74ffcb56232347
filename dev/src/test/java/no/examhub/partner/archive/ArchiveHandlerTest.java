package no.examhub.partner.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import no.examhub.event.Command;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.simulator.archive.ArchiveSimulator;
import no.examhub.testing.Commands;
import no.examhub.testing.TestHub;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Filing a master thesis in the archive, through dispatch against the archive simulator. */
class ArchiveHandlerTest {
  @RegisterExtension
  static final TestHub hub = TestHub.shared();
  private static ArchiveSimulator archive;

  @BeforeAll
  static void start() {
    archive = hub.simulators().orElseThrow().archive();
  }

  @Test
  void archiveThesisFilesTheMappedRecordAndReportsTheArchiveId() {
    Command c = Commands.send(hub, Commands.of(Partner.ARCHIVE, Operations.ARCHIVE_THESIS,
        "institution", "demo", "examSystem", "INSPERA", "vurdId", "DEMO-MASTER-2026V", "kandidatnr", "501",
        "testId", "35199862", "title", "Event hubs in practice", "grade", "B",
        "gradesPublishedAt", "2026-06-20T10:00:00Z", "appealStatus", "NONE", "explanationStatus", "NONE",
        "files", List.of(Map.of("fileName", "thesis.pdf", "contentItemId", 77, "fileSize", 1_048_576,
            "url", "https://inspera.example/files/77"))));

    Outcome o = Commands.outcomeOf(hub, c);

    assertThat(o.success()).isTrue();
    ArchiveSimulator.Filed filed = archive.filed().stream()
        .filter(f -> "demo/DEMO-MASTER-2026V/501".equals(f.record().path("externalReference").asText()))
        .findFirst().orElseThrow();
    assertThat(Wire.text(o, "archiveId")).isEqualTo(filed.archiveId());
    var r = filed.record();
    assertThat(r.path("recordType").asText()).isEqualTo("masteroppgave");
    assertThat(r.path("candidate").path("kandidatnr").asText()).isEqualTo("501");
    assertThat(r.path("title").asText()).isEqualTo("Event hubs in practice");
    assertThat(r.path("grade").asText()).isEqualTo("B");
    assertThat(r.path("dates").path("gradesPublishedAt").asText()).isEqualTo("2026-06-20T10:00:00Z");
    assertThat(r.path("files").get(0).path("url").asText()).isEqualTo("https://inspera.example/files/77");
    assertThat(r.has("testRun")).isFalse();
    assertThat(archive.script().calls()).filteredOn(call -> c.commandId().equals(call.idempotencyKey()))
        .extracting(call -> call.method() + " " + call.path()).containsExactly("POST /archive/v1/records");
  }
}
