package no.examhub.bench;

import java.time.Duration;
import java.util.List;
import no.examhub.platform.kafka.BrokerMain;

/**
 * CPU time a process spent between two moments, from the operating system's account
 * ({@link ProcessHandle.Info#totalCpuDuration()}). On a shared machine the rate a phase reaches
 * depends on what else runs; the CPU it spent per record hardly does, so the bench reports both.
 */
final class CpuMeter {
  private final List<ProcessHandle> processes;
  private long startMillis;

  private CpuMeter(List<ProcessHandle> processes) {
    this.processes = processes;
  }

  static CpuMeter of(long pid) {
    return new CpuMeter(ProcessHandle.of(pid).stream().toList());
  }

  /**
   * The other child processes of this JVM: in the topology phases, the embedded broker (its
   * {@link BrokerMain} command line is too long for {@link ProcessHandle.Info} to show, so it is
   * found by elimination).
   */
  static CpuMeter otherChildren(long exceptPid) {
    return new CpuMeter(ProcessHandle.current().children().filter(p -> p.pid() != exceptPid).toList());
  }

  void start() {
    startMillis = millis();
  }

  /** CPU milliseconds since {@link #start()}; 0 when the process cannot be seen. */
  long sinceStart() {
    return Math.max(0, millis() - startMillis);
  }

  private long millis() {
    return processes.stream().mapToLong(p -> p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L)).sum();
  }

  /** Records per second that {@code cores} dedicated cores could carry at {@code micros} CPU per record. */
  static double capacity(double micros, int cores) {
    return micros <= 0 ? Double.NaN : cores * 1e6 / micros;
  }
}
