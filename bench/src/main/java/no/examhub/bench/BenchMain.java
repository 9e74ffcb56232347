package no.examhub.bench;

import java.util.Arrays;
import no.examhub.cli.BenchCommand;
import no.examhub.simulator.DevMain;

/** {@code ./examhub}: the benchmark ({@code bench}), and every other command of {@link DevMain}. */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && "bench".equals(args[0])) {
      System.exit(BenchCommand.run(Arrays.asList(args).subList(1, args.length)));
    }
    DevMain.main(args);
  }
}
