package no.examhub.cli;

import java.util.ArrayList;
import java.util.List;
import no.examhub.bench.BenchOptions;
import no.examhub.bench.BenchOptions.Phase;
import no.examhub.bench.Benches;

/**
 * {@code examhub bench [--phase P ...] [options]}: the benchmarks of docs/performance.md, each phase
 * on its own private stack (ingress against its HTTP and broker ceilings and end to end; topology
 * throughput; verify_respondent latency; replay). The ingress and verify_respondent phases need
 * {@code wrk} on the PATH. A phase that fails is reported and the others still run.
 */
public final class BenchCommand {
  private BenchCommand() {}

  public static int run(List<String> args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    List<String> report = new ArrayList<>();
    int failed = 0;
    for (Phase phase : options.phases()) {
      System.out.println("== bench phase " + phase.name().toLowerCase());
      try {
        report.addAll(Benches.run(phase, options));
      } catch (Exception e) {
        failed++;
        report.add(phase.name().toLowerCase() + " phase FAILED: " + e);
        e.printStackTrace();
      }
    }
    System.out.println();
    report.forEach(System.out::println);
    return failed == 0 ? 0 : 1;
  }
}
