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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.examhub.event.Topics;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.kafka.EmbeddedKafka;
import no.examhub.platform.kafka.KafkaSettings;
import no.examhub.platform.kafka.TopicCreator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
      awaitLeaders(admin);
      Prefill.Result filled = Prefill.fill(kafka.bootstrapServers(), records);
      report.add(line(prefillLine(filled)));
      String applicationId = "examhub-bench-" + name;
      try (OutputCounter out = new OutputCounter(kafka.bootstrapServers());
          TopologyChild child = new TopologyChild(jvmOptions, childEnv(kafka.bootstrapServers(), dir, applicationId),
              dir.resolve("topology.log"))) {
        Run run = await(admin, applicationId, child, out, filled.counts());
        MemorySample memory = child.stop();
        report.add(line(resultLine(config, filled.counts(), run, out)));
        report.add(line(memoryLine(memory)));
      }
    } finally {
      delete(dir);
    }
    return report;
  }

  /** CPU milliseconds are those the topology and broker JVMs spent from Streams start to the last output. */
  private record Run(Completion.State state, long startMillis, long firstOutputMillis, long endMillis, double steadyRate, double benchCores, long topologyCpuMillis, long brokerCpuMillis) {
    double seconds() {
      return (endMillis - startMillis) / 1000.0;
    }
  }

  private Run await(Admin admin, String applicationId, TopologyChild child, OutputCounter out, Workload.Counts counts)
      throws Exception {
    Set<TopicPartition> inputs = admin.describeTopics(Workload.inputTopics()).allTopicNames().get().values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
        .collect(Collectors.toSet());
    Map<TopicPartition, Long> ends = offsets(admin, inputs);
    Completion completion = new Completion(counts.distinctWebhooks(), QUIET_MILLIS, STALL_MILLIS);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    long wallBefore = System.nanoTime();
    long nextProgress = System.currentTimeMillis() + 10_000;
    CpuMeter topologyCpu = CpuMeter.of(child.pid());
    CpuMeter brokerCpu = CpuMeter.otherChildren(child.pid());
    long topologyCpuMillis = 0;
    long brokerCpuMillis = 0;
    long cpuAt = 0;
    OutputTimeline timeline = new OutputTimeline();
    Completion.State state = Completion.State.WORKING;
    while (state == Completion.State.WORKING && child.alive()) {
      Thread.sleep(250);
      long now = System.currentTimeMillis();
      if (child.startedMillis() == 0) {
        topologyCpu.start();
        brokerCpu.start();
      } else if (out.lastMillis() != cpuAt) {
        // The CPU up to the latest output: the quiet period that confirms the end is not charged.
        cpuAt = out.lastMillis();
        topologyCpuMillis = topologyCpu.sinceStart();
        brokerCpuMillis = brokerCpu.sinceStart();
      }
      state = completion.observe(now, committed(admin, applicationId), ends,
          out.count(Topics.EXAM_EVENTS.name()), out.lastMillis());
      timeline.record(out.lastMillis(), out.total());
      if (now >= nextProgress) {
        nextProgress = now + 10_000;
        System.out.printf("  %s: %,d of %,d input records committed, %,d outputs%n", name, completion.committed(),
            counts.total(), out.total());
      }
    }
    double benchCores = (os.getProcessCpuTime() - cpuBefore) / (double) (System.nanoTime() - wallBefore);
    if (!child.alive()) {
      state = Completion.State.STALLED;
    }
    return new Run(state, child.startedMillis(), timeline.firstOutputMillis(), out.lastMillis(), timeline.steadyRate(counts.total()), benchCores, topologyCpuMillis, brokerCpuMillis);
  }

  private static Map<TopicPartition, Long> committed(Admin admin, String applicationId) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(applicationId)
        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    Map<TopicPartition, Long> committed = new HashMap<>();
    offsets.forEach((tp, o) -> {
      if (o != null) {
        committed.put(tp, o.offset());
      }
    });
    return committed;
  }

  private static Map<TopicPartition, Long> offsets(Admin admin, Set<TopicPartition> partitions) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = partitions.stream()
        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
    return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /**
   * An idempotent producer that writes to partitions whose leaders are still being elected can get
   * stuck retrying OUT_OF_ORDER_SEQUENCE_NUMBER until its batches expire (seen here): the pre-fill
   * starts only once every input partition has a leader.
   */
  private static void awaitLeaders(Admin admin) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      boolean led = admin.describeTopics(Workload.inputTopics()).allTopicNames().get().values().stream()
          .flatMap(d -> d.partitions().stream())
          .allMatch(p -> p.leader() != null && p.leader().id() >= 0 && !p.isr().isEmpty());
      if (led) {
        Thread.sleep(1_000);
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the input topics have no leaders after 60 s");
  }

  private static Map<String, String> childEnv(String bootstrap, Path dir, String applicationId) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    env.put("EXAMHUB_DATA_DIR", dir.toString());
    env.put("EXAMHUB_APPLICATION_ID", applicationId);
    env.put("EXAMHUB_SIMULATORS", "false");
    return env;
  }

  private String prefillLine(Prefill.Result f) {
    Workload.Counts c = f.counts();
    return String.format("%s pre-fill: %,d records (%,d Inspera webhooks, %,d of them retries; %,d FS appeals and"
        + " %,d explanation requests, %,d of them re-polled; %,d dispatch outcomes), %.0f MB, in %.1f s = %,.0f"
        + " records/s, before the topology starts", name, c.total(), c.webhooks(), c.webhooks() - c.distinctWebhooks(),
        c.appeals(), c.explanationRequests(), c.appeals() - c.distinctAppeals() + c.explanationRequests()
            - c.distinctExplanationRequests(), c.outcomes(), f.bytes() / 1e6, f.seconds(), f.recordsPerSecond());
  }

  private String resultLine(ExamhubConfig config, Workload.Counts c, Run run, OutputCounter out) {
    String verdict = run.state() == Completion.State.DONE ? "" : " INCOMPLETE (" + run.state() + ")";
    double topologyMicros = run.topologyCpuMillis() * 1000.0 / c.total();
    double brokerMicros = run.brokerCpuMillis() * 1000.0 / c.total();
    return String.format("%s%s: %,d records through normalise + dedup + join (exactly_once_v2, %d stream threads,"
        + " %d partitions, %s) in %.1f s from Streams start to last output (first output after %.1f s) = %,.0f"
        + " records/s (steady, over the second half of the outputs: %,.0f records/s); exam events %,d (expected %,d: one per distinct webhook of %,d); outputs: %s;"
        + " CPU per input record: topology JVM %.0f µs (%.2f cores), broker %.0f µs (%.2f cores), so 2 dedicated"
        + " cores would carry at most %,.0f records/s; bench JVM %.2f cores", name, verdict, c.total(),
        config.streamThreads(), config.topicPartitions(), String.join(" ", jvmOptions), run.seconds(),
        (run.firstOutputMillis() - run.startMillis()) / 1000.0, c.total() / run.seconds(), run.steadyRate(), out.count(Topics.EXAM_EVENTS.name()), c.distinctWebhooks(),
        c.webhooks(), out.summary(), topologyMicros, run.topologyCpuMillis() / 1000.0 / run.seconds(), brokerMicros,
        run.brokerCpuMillis() / 1000.0 / run.seconds(), CpuMeter.capacity(topologyMicros + brokerMicros, 2),
        run.benchCores());
  }

  private String memoryLine(MemorySample m) {
    if (m == null) {
      return name + " memory: no sample from the topology JVM";
    }
    return String.format("%s memory (topology JVM): heap max used %s of %s limit (sampled every 100 ms; after GC"
        + " at most %s in use right after a collection), GC time %.1f s; RSS at most %s (VmHWM in /proc), %s at the end", name,
        MemorySample.mib(m.heapMaxUsed()), MemorySample.mib(m.heapLimit()), MemorySample.mib(m.heapAfterGcMax()),
        m.gcMillis() / 1000.0, MemorySample.mib(m.rssPeak()), MemorySample.mib(m.rss()));
  }

  private static String line(String text) {
    String withLoad = text + ", " + Machine.load();
    System.out.println(withLoad);
    return withLoad;
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
