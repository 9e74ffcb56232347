package no.examhub.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The options of {@code examhub bench}. Without {@code --phase} every phase runs, in the order of
 * {@link Phase}; {@code --phase} may be repeated or given a comma-separated list.
 *
 * @param duration each wrk measurement (ingress and verify_respondent phases)
 * @param rate the ingress phase's fixed offered rate
 * @param topologyRecords input records of the topology phase
 * @param replayRecords input records of the replay phase (seed 003: 118k a day, so 100 days is 11.8M)
 * @param rosterSize candidates on the roster the verify_respondent phase loads first
 * @param verifyRate the verify_respondent phase's fixed offered rate
 * @param jfrDir where the topology JVM of the topology and replay phases writes a flight recording
 */
public record BenchOptions(Set<Phase> phases, Duration duration, int connections, int rate, long topologyRecords,
    long replayRecords, int rosterSize, int verifyRate, Optional<Path> jfrDir) {

  public enum Phase { INGRESS, TOPOLOGY, VERIFY, REPLAY, CONSOLE }

  public static final long SEED_003_DAILY_HITS = 118_000;

  public static BenchOptions parse(List<String> args) {
    Set<Phase> phases = EnumSet.noneOf(Phase.class);
    Duration duration = Duration.ofSeconds(10);
    int connections = 64;
    int rate = 5_000;
    long topologyRecords = 2_000_000;
    // Ten days by default, so a routine run stays short; the 100 days is --replay-records 11800000.
    long replayRecords = 10 * SEED_003_DAILY_HITS;
    int rosterSize = 50_000;
    int verifyRate = 1_000;
    Optional<Path> jfr = Optional.empty();
    for (int i = 0; i < args.size(); i += 2) {
      String option = args.get(i);
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("bench option " + option + " needs a value");
      }
      String value = args.get(i + 1);
      switch (option) {
        case "--phase" -> phases.addAll(phases(value));
        case "--duration" -> duration = Duration.ofSeconds(positive(option, value));
        case "--connections" -> connections = (int) positive(option, value);
        case "--rate" -> rate = (int) positive(option, value);
        case "--topology-records" -> topologyRecords = positive(option, value);
        case "--replay-records" -> replayRecords = positive(option, value);
        case "--roster-size" -> rosterSize = (int) positive(option, value);
        case "--verify-rate" -> verifyRate = (int) positive(option, value);
        case "--jfr" -> jfr = Optional.of(Path.of(value));
        default -> throw new IllegalArgumentException("unknown bench option: " + option);
      }
    }
    return new BenchOptions(phases.isEmpty() ? EnumSet.allOf(Phase.class) : phases, duration, connections, rate,
        topologyRecords, replayRecords, rosterSize, verifyRate, jfr);
  }

  private static Set<Phase> phases(String value) {
    Set<Phase> phases = EnumSet.noneOf(Phase.class);
    for (String name : value.split(",")) {
      String n = name.trim().toUpperCase(Locale.ROOT).replace("VERIFY_RESPONDENT", "VERIFY");
      try {
        phases.add(Phase.valueOf(n));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown bench phase: " + name.trim()
            + " (expected ingress, topology, verify, replay, console)");
      }
    }
    return phases;
  }

  /** A positive whole number; {@code 11_800_000} and {@code 11,800,000} are read as 11800000. */
  private static long positive(String option, String value) {
    long n;
    try {
      n = Long.parseLong(value.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " expects a whole number, got " + value);
    }
    if (n <= 0 || n > Integer.MAX_VALUE && !option.endsWith("-records")) {
      throw new IllegalArgumentException(option + " must be between 1 and " + Integer.MAX_VALUE + ", got " + value);
    }
    return n;
  }
}
