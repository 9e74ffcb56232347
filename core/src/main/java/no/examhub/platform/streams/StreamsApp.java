package no.examhub.platform.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import no.examhub.platform.process.Deaths;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the topology: a bug that escapes every handler replaces the stream thread (and is logged
 * loudly) rather than stopping the application; its state is visible to readiness and metrics.
 */
public final class StreamsApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

  private final KafkaStreams streams;
  private final KafkaStreamsMetrics metrics;
  private final RestoreCounter restores;
  private final Clock clock;
  private final Deaths deaths = new Deaths(3, Duration.ofMinutes(10));

  public StreamsApp(Topology topology, Properties settings, MeterRegistry registry) {
    this(topology, settings, registry, Clock.systemUTC());
  }

  StreamsApp(Topology topology, Properties settings, MeterRegistry registry, Clock clock) {
    this.clock = clock;
    this.streams = new KafkaStreams(topology, settings);
    Counter replacements = Counter.builder("examhub.streams.thread.replacements")
        .description("Stream threads that died and were replaced").register(registry);
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("stream thread died; replacing it", e);
      replacements.increment();
      deaths.record(clock.instant());
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.setStateListener((now, before) -> LOG.info("Kafka Streams {} -> {}", before, now));
    streams.setGlobalStateRestoreListener(restores = new RestoreCounter(registry));
    this.metrics = new KafkaStreamsMetrics(streams);
    metrics.bindTo(registry);
    Gauge.builder("examhub.streams.running", this, s -> s.isRunning() ? 1 : 0)
        .description("1 when the Streams application is RUNNING")
        .register(registry);
  }

  public StreamsApp start() {
    streams.start();
    return this;
  }

  public boolean isRunning() {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  /**
   * False while stream threads keep dying: Streams replaces each one and stays RUNNING, so without
   * this a record that kills every thread that meets it would leave readiness green while its
   * partition never moves.
   */
  public boolean threadsStable() {
    return deaths.stable(clock.instant());
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Records restored from changelogs since start: near zero after a clean restart. */
  public long restoredRecords() {
    return restores.total();
  }

  public KafkaStreams unwrap() {
    return streams;
  }

  @Override
  public void close() {
    // Leaving the group lets a restarted instance take its partitions back at once instead of
    // waiting out the session timeout (EXAMHUB_SESSION_TIMEOUT); a rolling bounce pays one extra rebalance for it.
    // With static membership (EXAMHUB_INSTANCE_ID) a plain close would stay in the group: say so.
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30)));
    metrics.close();
  }
}
