package no.examhub.cli;

import java.time.Duration;
import java.util.List;
import no.examhub.bench.Bench;

/**
 * {@code examhub bench [--duration SECONDS] [--connections N] [--rate R]}: the ingress benchmark
 * against its HTTP and broker ceilings on a private embedded stack; needs {@code wrk} on the PATH.
 */
public final class BenchCommand {
  private BenchCommand() {}

  public static int run(List<String> args) throws Exception {
    int seconds = 10;
    int connections = 64;
    int rate = 5_000;
    for (int i = 0; i + 1 < args.size(); i += 2) {
      switch (args.get(i)) {
        case "--duration" -> seconds = Integer.parseInt(args.get(i + 1));
        case "--connections" -> connections = Integer.parseInt(args.get(i + 1));
        case "--rate" -> rate = Integer.parseInt(args.get(i + 1));
        default -> throw new IllegalArgumentException("unknown bench option: " + args.get(i));
      }
    }
    List<String> report = new Bench(Duration.ofSeconds(seconds), connections, rate).run();
    System.out.println();
    report.forEach(System.out::println);
    return 0;
  }
}
