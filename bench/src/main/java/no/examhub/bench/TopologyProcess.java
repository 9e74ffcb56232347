package no.examhub.bench;

import com.sun.management.GcInfo;
import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import no.examhub.ExamhubTopology;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.metrics.MetricsRegistry;
import no.examhub.platform.streams.StreamsApp;
import no.examhub.platform.streams.StreamsSettings;

/**
 * The child JVM of the topology and replay phases: Examhub's Streams application alone (the real
 * {@link ExamhubTopology}, the settings {@code Examhub} uses, configured from the environment like
 * Examhub), in its own JVM so its heap limit and RSS are its own and the pre-fill's garbage is not
 * counted. It prints {@code STARTING <epoch ms>} when it starts Streams, a {@link MemorySample}
 * line every second, and on {@code stop} (or end of input) closes Streams and prints a last one.
 */
public final class TopologyProcess {
  static final String STARTING = "STARTING ";
  static final String STOPPED = "STOPPED";

  private final AtomicLong heapMaxUsed = new AtomicLong();
  private final AtomicLong heapAfterGcMax = new AtomicLong();
  private final AtomicLong rssMax = new AtomicLong();

  private TopologyProcess() {}

  public static void main(String[] args) throws Exception {
    new TopologyProcess().run();
  }

  private void run() throws Exception {
    ExamhubConfig config = ExamhubConfig.fromEnvironment();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bench-memory-sampler");
      t.setDaemon(true);
      return t;
    });
    sampler.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    sampler.scheduleAtFixedRate(() -> System.out.println(snapshot().line()), 1, 1, TimeUnit.SECONDS);
    StreamsApp streams = new StreamsApp(ExamhubTopology.build(config),
        StreamsSettings.of(config, config.kafkaBootstrapServers().orElseThrow()),
        MetricsRegistry.create(config.environment()));
    System.out.println(STARTING + System.currentTimeMillis());
    streams.start();
    awaitStop();
    streams.close();
    sampler.shutdownNow();
    sample();
    System.out.println(snapshot().line());
    System.out.println(STOPPED);
    System.out.flush();
    System.exit(0);
  }

  private static void awaitStop() throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if ("stop".equals(line.trim())) {
        return;
      }
    }
  }

  private void sample() {
    heapMaxUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
    heapAfterGcMax.accumulateAndGet(heapAfterLastGc(), Math::max);
    rssMax.accumulateAndGet(MemorySample.rssOfThisProcess()[0], Math::max);
  }

  /** The heap in use right after the latest collection: what the application holds, not its garbage. */
  private static long heapAfterLastGc() {
    Set<String> heapPools = new HashSet<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    GcInfo latest = null;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      GcInfo info = b instanceof com.sun.management.GarbageCollectorMXBean g ? g.getLastGcInfo() : null;
      if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
        latest = info;
      }
    }
    if (latest == null) {
      return 0;
    }
    return latest.getMemoryUsageAfterGc().entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
        .mapToLong(e -> e.getValue().getUsed()).sum();
  }

  private MemorySample snapshot() {
    long gc = 0;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      gc += Math.max(0, b.getCollectionTime());
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long[] rss = MemorySample.rssOfThisProcess();
    return new MemorySample(heap.getUsed(), heapMaxUsed.get(), heapAfterGcMax.get(), heap.getMax(), gc,
        os.getProcessCpuTime() / 1_000_000, rss[0], Math.max(rss[1], rssMax.get()));
  }
}
