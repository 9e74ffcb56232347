package no.examhub.flow.proctoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import no.examhub.event.RosterEntry;
import no.examhub.event.Topics;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.crypto.Hmac;
import no.examhub.testing.Drivers;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Specification of the roster: entries on the compacted topic become queryable in the global store. */
class RosterTopologyTest {
  private TopologyTestDriver driver;
  private TestInputTopic<String, RosterEntry> roster;
  private RosterStore store;

  @BeforeEach
  void setUp() {
    driver = Drivers.of("roster-test", builder -> RosterTopology.addTo(builder, ExamhubConfig.defaults()));
    roster = driver.createInputTopic(Topics.ROSTER.name(), Topics.ROSTER.keySerde().serializer(),
        Topics.ROSTER.valueSerde().serializer());
    store = new RosterStore(() -> driver.<String, RosterEntry>getKeyValueStore(RosterTopology.STORE));
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void uploadedCandidateCanBeLookedUpByInstitutionExamAndCandidateId() {
    RosterEntry ada = entry("exam-1", "10001");
    roster.pipeInput(ada.key(), ada);

    assertThat(store.candidate("demo", "exam-1", "10001")).contains(ada);
    assertThat(store.candidate("demo", "exam-1", "10002")).isEmpty();
    assertThat(store.candidate("other", "exam-1", "10001")).isEmpty();
  }

  @Test
  void anyEntryOfAnExamTellsTheExamIsKnownAndCarriesItsFieldMapping() {
    RosterEntry swapped = new RosterEntry("demo", "exam-2", "20001", Hmac.sha256Hex("code"), "Bo", null, null,
        null, null, 1, 0);
    roster.pipeInput(swapped.key(), swapped);

    assertThat(store.anyOfExam("demo", "exam-2")).hasValueSatisfying(e -> {
      assertThat(e.candidateIdPosition()).isEqualTo(1);
      assertThat(e.accessCodePosition()).isZero();
    });
    assertThat(store.anyOfExam("demo", "exam")).isEmpty();
  }

  @Test
  void examWhoseIdOnlyStartsLikeAnotherIsNotMistakenForIt() {
    RosterEntry nested = entry("exam-1/part-b", "10001");
    roster.pipeInput(nested.key(), nested);

    assertThat(store.anyOfExam("demo", "exam-1")).isEmpty();
    assertThat(store.anyOfExam("demo", "exam-1/part-b")).isPresent();
  }

  @Test
  void tombstoneRemovesTheCandidate() {
    RosterEntry ada = entry("exam-1", "10001");
    roster.pipeInput(ada.key(), ada);
    roster.pipeInput(ada.key(), null);

    assertThat(store.candidate("demo", "exam-1", "10001")).isEmpty();
    assertThat(store.anyOfExam("demo", "exam-1")).isEmpty();
  }

  @Test
  void storeThatCannotBeQueriedIsReportedAsUnavailable() {
    RosterStore rebalancing = new RosterStore(() -> {
      throw new InvalidStateStoreException("rebalancing");
    });

    assertThatThrownBy(() -> rebalancing.candidate("demo", "exam-1", "10001"))
        .isInstanceOf(RosterStore.Unavailable.class);
  }

  private static RosterEntry entry(String examId, String candidateId) {
    return new RosterEntry("demo", examId, candidateId, Hmac.sha256Hex("secret-" + candidateId), "Ada",
        "ada@example.org", "https://example.org/ada.jpg", "about", "data", 0, 1);
  }
}
