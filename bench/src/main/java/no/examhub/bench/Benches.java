package no.examhub.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import no.examhub.bench.BenchOptions.Phase;

/** Runs one phase of {@code examhub bench} with its options; each phase starts its own stack. */
public final class Benches {
  /** The topology phase's JVM gets the heap {@code ./examhub} gives Examhub; the replay the bound. */
  static final String TOPOLOGY_HEAP = "-Xmx1g";
  static final String REPLAY_HEAP = "-Xmx512m";
  /** The console phase's dead letters: a bad month for one institution. */
  static final int CONSOLE_DEAD_LETTERS = 1_000;

  private Benches() {}

  public static List<String> run(Phase phase, BenchOptions o) throws Exception {
    return switch (phase) {
      case INGRESS -> new Bench(o.duration(), o.connections(), o.rate()).run();
      case TOPOLOGY -> new TopologyBench("topology", o.topologyRecords(), jvm(TOPOLOGY_HEAP, "topology", o)).run();
      case VERIFY -> new VerifyBench(o.duration(), o.connections(), o.verifyRate(), o.rosterSize()).run();
      case REPLAY -> new TopologyBench("replay", o.replayRecords(), jvm(REPLAY_HEAP, "replay", o)).run();
      case CONSOLE -> new ConsoleBench(CONSOLE_DEAD_LETTERS).run();
    };
  }

  private static List<String> jvm(String heap, String name, BenchOptions o) throws Exception {
    List<String> options = new ArrayList<>(List.of(heap));
    if (o.jfrDir().isPresent()) {
      Files.createDirectories(o.jfrDir().get());
      TopologyBench.jfr(o.jfrDir().map(d -> d.resolve(name + ".jfr"))).ifPresent(options::add);
    }
    return options;
  }
}
