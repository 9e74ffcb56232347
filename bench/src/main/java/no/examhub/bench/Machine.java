package no.examhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's load with every figure: the machine is shared, and a figure taken at load average
 * 8 on 2 cores says something else than one taken on an idle machine.
 */
final class Machine {
  private Machine() {}

  /** {@code load average 1.20, 0.80, 0.50} (1, 5 and 15 minutes, as {@code uptime} prints them). */
  static String load() {
    try {
      return fromLoadavg(Files.readString(Path.of("/proc/loadavg")));
    } catch (IOException | UnsupportedOperationException e) {
      return "load average unknown";
    }
  }

  static String fromLoadavg(String loadavg) {
    String[] f = loadavg.trim().split("\\s+");
    return f.length < 3 ? "load average unknown" : "load average " + f[0] + ", " + f[1] + ", " + f[2];
  }
}
