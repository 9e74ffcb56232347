package no.examhub.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import no.examhub.event.Topics;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.kafka.EmbeddedKafka;
import no.examhub.platform.kafka.KafkaSettings;
import no.examhub.platform.kafka.TopicCreator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * The topology and replay phases: a private broker, input topics pre-filled with a {@link Workload}
 * before anything consumes them, then Examhub's Streams application in a child JVM
 * ({@link TopologyProcess}) with the given heap, timed from the moment it starts Streams until its
 * output is complete ({@link Completion}). The pre-fill is over before the clock starts, so the
 * load generator cannot be what limits the figure.
 */
final class TopologyBench {
  private static final long QUIET_MILLIS = 3_000;
  private static final long STALL_MILLIS = 180_000;

  private final String name;
  private final long records;
  private final List<String> jvmOptions;

  /**
   * @param name {@code topology} or {@code replay}: labels the report lines and the application id
   * @param jvmOptions the child JVM's options (its heap limit, a flight recording)
   */
  TopologyBench(String name, long records, List<String> jvmOptions) {
    this.name = name;
    this.records = records;
    this.jvmOptions = jvmOptions;
  }

  List<String> run() throws Exception {
    Path dir = Files.createTempDirectory("examhub-bench-" + name);
    ExamhubConfig config = ExamhubConfig.fromEnvironment();
    List<String> report = new ArrayList<>();
    try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), Bench.freePort(), Bench.freePort()).start();
        Admin admin = Admin.create(KafkaSettings.admin(kafka.bootstrapServers()))) {
      new TopicCreator(admin, config.topicPartitions(), (short) 1).ensure(Topics.all());
      InputOffsets inputs = new InputOffsets(admin);
      inputs.awaitLeaders();
      Prefill.Result filled = Prefill.fill(kafka.bootstrapServers(), records);
      report.add(TopologyReport.prefill(name, filled));
      String applicationId = "examhub-bench-" + name;
      Path log = dir.resolve("topology.log");
      try (OutputCounter out = new OutputCounter(kafka.bootstrapServers());
          TopologyChild child = new TopologyChild(jvmOptions, childEnv(kafka.bootstrapServers(), dir, applicationId),
              log)) {
        TopologyRun run = await(inputs, applicationId, child, out, filled.counts());
        MemorySample memory = child.stop();
        if (run.state() != Completion.State.DONE) {
          printTail(log, 40);
        }
        report.add(TopologyReport.result(name, config, jvmOptions, filled.counts(), run, out));
        report.add(TopologyReport.memory(name, memory));
      }
    } finally {
      delete(dir);
    }
    return report;
  }

  private TopologyRun await(InputOffsets inputs, String applicationId, TopologyChild child, OutputCounter out,
      Workload.Counts counts) throws Exception {
    Map<TopicPartition, Long> ends = inputs.ends();
    Completion completion = new Completion(counts.distinctWebhooks(), QUIET_MILLIS, STALL_MILLIS);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    long wallBefore = System.nanoTime();
    CpuMeter topologyCpu = CpuMeter.of(child.pid());
    CpuMeter brokerCpu = CpuMeter.otherChildren(child.pid());
    long[] cpuAtLastOutput = {0, 0};
    long lastOutputSeen = 0;
    long nextProgress = System.currentTimeMillis() + 10_000;
    OutputTimeline timeline = new OutputTimeline();
    Completion.State state = Completion.State.WORKING;
    while (state == Completion.State.WORKING && child.alive()) {
      Thread.sleep(250);
      long now = System.currentTimeMillis();
      if (child.startedMillis() == 0) {
        topologyCpu.start();
        brokerCpu.start();
      } else if (out.lastMillis() != lastOutputSeen) {
        // The CPU up to the latest output: the quiet period that confirms the end is not charged.
        lastOutputSeen = out.lastMillis();
        cpuAtLastOutput = new long[] {topologyCpu.sinceStart(), brokerCpu.sinceStart()};
      }
      state = completion.observe(now, inputs.committed(applicationId), ends, out.count(Topics.EXAM_EVENTS.name()),
          out.lastMillis());
      timeline.record(out.lastMillis(), out.total());
      if (now >= nextProgress) {
        nextProgress = now + 10_000;
        System.out.printf("  %s: %,d of %,d input records committed, %,d outputs%n", name, completion.committed(),
            counts.total(), out.total());
      }
    }
    double benchCores = (os.getProcessCpuTime() - cpuBefore) / (double) (System.nanoTime() - wallBefore);
    return new TopologyRun(child.alive() ? state : Completion.State.STALLED, child.startedMillis(),
        timeline.firstOutputMillis(), out.lastMillis(), timeline.steadyRate(counts.total()), benchCores,
        cpuAtLastOutput[0], cpuAtLastOutput[1]);
  }

  private static Map<String, String> childEnv(String bootstrap, Path dir, String applicationId) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    env.put("EXAMHUB_DATA_DIR", dir.toString());
    env.put("EXAMHUB_APPLICATION_ID", applicationId);
    env.put("EXAMHUB_SIMULATORS", "false");
    env.put("EXAMHUB_ACCESS_CODE_KEY", "topology-bench-key-".repeat(2));
    return env;
  }

  /** The end of the Streams JVM's output, before its directory is deleted: why a run did not finish. */
  private static void printTail(Path log, int lines) throws IOException {
    if (Files.exists(log)) {
      List<String> all = Files.readAllLines(log);
      System.out.println("last lines of the topology JVM's output (" + log + "):");
      all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> System.out.println("  " + l));
    }
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static Optional<String> jfr(Optional<Path> file) {
    return file.map(f -> "-XX:StartFlightRecording=filename=" + f.toAbsolutePath() + ",settings=profile");
  }
}
