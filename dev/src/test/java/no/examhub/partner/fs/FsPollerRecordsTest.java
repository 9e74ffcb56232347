package no.examhub.partner.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.institution.Institution;
import no.examhub.institution.PartnerCredentials;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.institution.PartnerEndpoints;
import no.examhub.platform.streams.DeadLetter;
import no.examhub.simulator.fs.FsSimulator;
import no.examhub.testing.TopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One poll of one institution, on a real broker, against the FS simulator: what happens to a record
 * FS sends that Examhub cannot read, and to an institution that has no FSWS user.
 */
class FsPollerRecordsTest {
  private static final Duration WITHIN = Duration.ofSeconds(20);

  private final String name = "fs-" + UUID.randomUUID().toString().substring(0, 8);
  private final String vurdId = "DL-" + UUID.randomUUID();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private FsPollerFixture fixture;
  private FsSimulator fs;
  private String bootstrap;
  private PartnerCredentialsRepository credentials;
  private FsWatermarks watermarks;
  private FsPoller poller;

  @BeforeEach
  void start() {
    fixture = new FsPollerFixture(new Institution(name, "6666", "6666", ExamSystem.INSPERA, name, "test",
        true, true, false, "", null, null), "fsws-" + name, "its-password", "fs-poller-records-test");
    fs = fixture.fs;
    bootstrap = fixture.bootstrap;
    credentials = new PartnerCredentialsRepository(fixture.database, Duration.ofMinutes(1));
    watermarks = new FsWatermarks(fixture.database, registry, Clock.systemUTC());
    FsAccounts accounts = new FsAccounts(new PartnerEndpoints(new PartnerEndpoints.Overrides("", "", "", "", "", "",
        Optional.of(fixture.server.root()))), credentials);
    poller = new FsPoller(i -> accounts.client(i, FsServer.HTTP, Duration.ofSeconds(5)), fixture.institutions,
        fixture.producer, watermarks, Set::of, Duration.ofDays(30), registry, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    poller.close();
    credentials.close();
    fixture.close();
  }

  @Test
  void aBadRecordAmongGoodOnesIsDeadLetteredWithItsReasonWhileTheGoodOnesBecomeEventsAndTheWatermarkMoves() {
    credentials.save(new PartnerCredentials(name, Partner.FS, "fsws-" + name, "its-password"));
    Instant changed = Instant.now().minusSeconds(120);
    fs.putAppeal(ExamSystem.INSPERA, "6666", changed, klage("1", "2026-12-15"));
    fs.putAppeal(ExamSystem.INSPERA, "6666", changed, klage("2", "15.12.2026"));
    Map<String, Object> noCandidate = new HashMap<>(klage("3", "2026-12-15"));
    noCandidate.remove("kandidatnr");
    fs.putAppeal(ExamSystem.INSPERA, "6666", changed, noCandidate);
    Map<String, Object> wrongShape = new HashMap<>(klage("4", "2026-12-15"));
    wrongShape.put("klagestatus", Map.of("kode", "AKTIV"));
    fs.putAppeal(ExamSystem.INSPERA, "6666", changed, wrongShape);
    fs.putAppeal(ExamSystem.INSPERA, "6666", changed, klage("5", "2026-12-15"));

    poller.pollOnce();

    assertThat(TopicReader.readUntil(bootstrap, Topics.FS_APPEALS, a -> vurdId.equals(a.vurdId()), 2, WITHIN))
        .extracting(FsAppeal::kandidatnr).containsExactlyInAnyOrder("1", "5");
    List<DeadLetter> letters = TopicReader.readUntil(bootstrap, Topics.DEAD_LETTERS,
        d -> (name + "/klager").equals(d.key()), 3, WITHIN);
    assertThat(letters).extracting(DeadLetter::errorCode)
        .containsExactlyInAnyOrder("FS_BAD_DATE", "FS_MISSING_FIELD", "FS_UNREADABLE_RECORD");
    assertThat(letters).allSatisfy(d -> {
      assertThat(d.sourceTopic()).isEqualTo("fs:klager");
      assertThat(d.stage()).isEqualTo("fs-poll");
      assertThat(d.reason()).isNotBlank();
      assertThat(d.payload()).contains(vurdId, "<redacted>").doesNotContain("0101991234", "Kari", "Nordmann");
    });
    assertThat(letters).filteredOn(d -> d.errorCode().equals("FS_BAD_DATE")).singleElement()
        .satisfies(d -> assertThat(d.reason()).contains("sensurfrist").doesNotContain("15.12.2026"));
    assertThat(registry.counter("examhub.intake.dead.letters", "source", "fs:klager", "stage", "fs-poll").count())
        .isEqualTo(3);
    assertThat(registry.counter("examhub.poller.records", "endpoint", "klager").count()).isEqualTo(2);
    Instant watermark = watermarks.get(name, "klager").orElseThrow();
    assertThat(watermark).isAfter(changed);

    fs.putAppeal(ExamSystem.INSPERA, "6666", Instant.now(), klage("6", "2026-12-15"));
    poller.pollOnce();

    assertThat(fs.requests()).extracting(FsSimulator.Request::siden).last().isEqualTo(FsClient.siden(watermark));
    assertThat(TopicReader.readUntil(bootstrap, Topics.FS_APPEALS, a -> vurdId.equals(a.vurdId())
        && a.kandidatnr().equals("6"), 1, WITHIN)).isNotEmpty();
  }

  @Test
  void anInstitutionWithoutAnFswsUserIsNotPolledButCountedAndItsFeedShowsAsStale() {
    poller.pollOnce();
    poller.pollOnce();

    assertThat(fs.requests()).isEmpty();
    assertThat(registry.counter("examhub.poller.unconfigured", "institution", name, "endpoint", "klager",
        "reason", FsAccounts.NO_CREDENTIALS).count()).isEqualTo(2);
    assertThat(registry.find("examhub.poller.watermark.age.seconds").tags("institution", name, "endpoint", "klager")
        .gauge()).isNotNull().satisfies(g -> assertThat(g.value()).isGreaterThanOrEqualTo(0));
    assertThat(watermarks.get(name, "klager")).isEmpty();

    credentials.save(new PartnerCredentials(name, Partner.FS, "fsws-" + name, "its-password"));
    poller.pollOnce();

    assertThat(fs.requests()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(200));
    assertThat(watermarks.get(name, "klager")).isPresent();
  }

  private Map<String, Object> klage(String kandidatnr, String sensurfrist) {
    return Map.of("vurdId", vurdId, "kandidatnr", kandidatnr, "personlopenr", "0101991234" + kandidatnr,
        "fornavn", "Kari", "etternavn", "Nordmann", "klagestatus", "AKTIV", "sensurfrist", sensurfrist);
  }
}
