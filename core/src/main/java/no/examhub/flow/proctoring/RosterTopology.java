package no.examhub.flow.proctoring;

import no.examhub.event.RosterEntry;
import no.examhub.event.Topics;
import no.examhub.platform.config.ExamhubConfig;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The roster of proctored exams, held where {@code verify_respondent} can read it in memory.
 *
 * <ul>
 *   <li>Inputs: {@code examhub.roster} (compacted, keyed {@code institution/examId/candidateId};
 *       a tombstone removes a candidate).
 *   <li>Outputs: none; the store is read by interactive queries ({@link RosterStore}).
 *   <li>Stores: {@code roster-store}, a global key-value store: every instance holds every entry,
 *       so whichever instance the vendor's request reaches answers without routing.
 *   <li>Guarantees: the store follows the topic (its own changelog) within moments of a write; a
 *       restarted instance restores it from the topic before it answers.
 * </ul>
 */
public final class RosterTopology {
  public static final String STORE = "roster-store";

  private RosterTopology() {}

  public static void addTo(StreamsBuilder builder, ExamhubConfig config) {
    builder.globalTable(Topics.ROSTER.name(), Topics.ROSTER.consumed("roster-global-table"),
        Materialized.<String, RosterEntry, KeyValueStore<Bytes, byte[]>>as(STORE)
            .withKeySerde(Topics.ROSTER.keySerde())
            .withValueSerde(Topics.ROSTER.valueSerde()));
  }
}
