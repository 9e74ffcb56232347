package no.examhub.bench;

import java.util.List;
import no.examhub.event.Topics;
import no.examhub.platform.config.ExamhubConfig;

/** The report lines of the topology and replay phases, each ending with the machine's load. */
final class TopologyReport {
  private TopologyReport() {}

  static String prefill(String name, Prefill.Result f) {
    Workload.Counts c = f.counts();
    return line(String.format("%s pre-fill: %,d records (%,d Inspera webhooks, %,d of them retries; %,d FS appeals"
        + " and %,d explanation requests, %,d of them re-polled; %,d dispatch outcomes), %.0f MB, in %.1f s = %,.0f"
        + " records/s, before the topology starts", name, c.total(), c.webhooks(), c.webhooks() - c.distinctWebhooks(),
        c.appeals(), c.explanationRequests(), c.appeals() - c.distinctAppeals() + c.explanationRequests()
            - c.distinctExplanationRequests(), c.outcomes(), f.bytes() / 1e6, f.seconds(), f.recordsPerSecond()));
  }

  static String result(String name, ExamhubConfig config, List<String> jvmOptions, Workload.Counts c,
      TopologyRun run, OutputCounter out) {
    String verdict = run.state() == Completion.State.DONE ? "" : " INCOMPLETE (" + run.state() + ")";
    double topology = run.topologyMicrosPerRecord(c.total());
    double broker = run.brokerMicrosPerRecord(c.total());
    return line(String.format("%s%s: %,d records through normalise + dedup + join (exactly_once_v2, %d stream"
        + " threads, %d partitions, %s) in %.1f s from Streams start to last output (first output after %.1f s) ="
        + " %,.0f records/s (steady, over the second half of the outputs: %,.0f records/s); exam events %,d"
        + " (expected %,d: one per distinct webhook of %,d); outputs: %s; CPU per input record: topology JVM %.0f µs"
        + " (%.2f cores), broker %.0f µs (%.2f cores), so 2 dedicated cores would carry at most %,.0f records/s;"
        + " bench JVM %.2f cores", name, verdict, c.total(), config.streamThreads(), config.topicPartitions(),
        String.join(" ", jvmOptions), run.seconds(), run.firstOutputSeconds(), c.total() / run.seconds(),
        run.steadyRate(), out.count(Topics.EXAM_EVENTS.name()), c.distinctWebhooks(), c.webhooks(), out.summary(),
        topology, run.topologyCpuMillis() / 1000.0 / run.seconds(), broker,
        run.brokerCpuMillis() / 1000.0 / run.seconds(), CpuMeter.capacity(topology + broker, 2), run.benchCores()));
  }

  static String memory(String name, MemorySample m) {
    if (m == null) {
      return line(name + " memory: no sample from the topology JVM");
    }
    return line(String.format("%s memory (topology JVM): heap max used %s of %s limit (sampled every 100 ms; at"
        + " most %s in use right after a collection), GC time %.1f s; RSS at most %s (VmHWM in /proc), %s at the"
        + " end", name, MemorySample.mib(m.heapMaxUsed()), MemorySample.mib(m.heapLimit()),
        MemorySample.mib(m.heapAfterGcMax()), m.gcMillis() / 1000.0, MemorySample.mib(m.rssPeak()),
        MemorySample.mib(m.rss())));
  }

  /** Printed at once (a long phase shows its figures as they come) and kept for the summary. */
  static String line(String text) {
    String withLoad = text + ", " + Machine.load();
    System.out.println(withLoad);
    return withLoad;
  }
}
