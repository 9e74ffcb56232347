package no.examhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the topology's child JVM reports about itself on one line, {@code STATS key=value ...}:
 * heap in use (sampled), its maximum, the live heap left after the last collections, GC time, CPU
 * time, and RSS from {@code /proc/self/status} ({@code VmRSS} now, {@code VmHWM} its peak).
 */
record MemorySample(long heapUsed, long heapMaxUsed, long heapAfterGcMax, long heapLimit, long gcMillis,
    long cpuMillis, long rss, long rssPeak) {

  static final String PREFIX = "STATS ";

  String line() {
    return PREFIX + "heapUsed=" + heapUsed + " heapMaxUsed=" + heapMaxUsed + " heapAfterGcMax=" + heapAfterGcMax
        + " heapLimit=" + heapLimit + " gcMillis=" + gcMillis + " cpuMillis=" + cpuMillis + " rss=" + rss
        + " rssPeak=" + rssPeak;
  }

  /** The sample of a {@link #line()}; a line that is not one gives null. */
  static MemorySample parse(String line) {
    if (line == null || !line.startsWith(PREFIX)) {
      return null;
    }
    Map<String, Long> v = new LinkedHashMap<>();
    for (String pair : line.substring(PREFIX.length()).trim().split("\\s+")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        v.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
      }
    }
    return new MemorySample(v.getOrDefault("heapUsed", 0L), v.getOrDefault("heapMaxUsed", 0L),
        v.getOrDefault("heapAfterGcMax", 0L), v.getOrDefault("heapLimit", 0L), v.getOrDefault("gcMillis", 0L),
        v.getOrDefault("cpuMillis", 0L), v.getOrDefault("rss", 0L), v.getOrDefault("rssPeak", 0L));
  }

  /** {@code VmRSS} and {@code VmHWM} of a {@code /proc/<pid>/status} text, in bytes ({0, 0} when absent). */
  static long[] rssFromStatus(String status) {
    long rss = 0;
    long peak = 0;
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        rss = kilobytes(line) * 1024;
      } else if (line.startsWith("VmHWM:")) {
        peak = kilobytes(line) * 1024;
      }
    }
    return new long[] {rss, peak};
  }

  static long[] rssOfThisProcess() {
    try {
      return rssFromStatus(Files.readString(Path.of("/proc/self/status")));
    } catch (IOException | UnsupportedOperationException e) {
      return new long[] {0, 0};
    }
  }

  private static long kilobytes(String line) {
    String[] parts = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
    return Long.parseLong(parts[0]);
  }

  static String mib(long bytes) {
    return String.format("%.0f MiB", bytes / (1024.0 * 1024));
  }
}
