package no.examhub.ops.alerts;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import no.examhub.dispatch.DeadLetterListener;
import no.examhub.event.Alert;
import no.examhub.event.FailedCommand;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.process.SupervisedLoop;

/**
 * Operator alerts to Slack (seed 003): every dead-lettered command and every record on
 * {@code examhub.alerts}, less the blacklisted ones, summarised at most once per
 * {@code EXAMHUB_ALERT_INTERVAL}. Without a webhook URL (and no simulator) alerts are only
 * logged and counted ({@code examhub.alerts.suppressed{reason="no-webhook"}}).
 */
public final class Alerts implements DeadLetterListener, AutoCloseable {
  private static final Duration FIRST_RESTART = Duration.ofSeconds(1);
  private static final Duration LONGEST_RESTART = Duration.ofMinutes(1);

  private final InstitutionDirectory institutions;
  private final AlertAggregator aggregator;
  private final SupervisedLoop consumer;

  private Alerts(InstitutionDirectory institutions, AlertAggregator aggregator, SupervisedLoop consumer) {
    this.institutions = institutions;
    this.aggregator = aggregator;
    this.consumer = consumer;
  }

  /**
   * The supervised consumer of {@code examhub.alerts} (loop {@code alerts-consumer}): each run a new
   * consumer of the group, handing each alert to {@code sink}.
   */
  static SupervisedLoop consumerLoop(String bootstrapServers, String group, Consumer<Alert> sink,
      MeterRegistry registry, Clock clock) {
    return new SupervisedLoop("alerts-consumer", () -> new AlertTopicConsumer(bootstrapServers, group, sink),
        FIRST_RESTART, LONGEST_RESTART, registry, clock);
  }

  /** Starts the alert consumer; {@code simulatorPort} is where alerts go when no URL is configured. */
  /**
   * @param slackUrl the Slack incoming webhook alerts are posted to; none when blank
   * @param interval how often aggregated alerts are flushed ({@code EXAMHUB_ALERT_INTERVAL})
   * @param applicationId the Streams application id; the alert consumer's group derives from it
   */
  public static Alerts start(String slackUrl, Duration interval, String applicationId, String bootstrapServers,
      MongoDatabase database, InstitutionDirectory institutions, MeterRegistry registry, Clock clock) {
    SlackBlacklist blacklist = new SlackBlacklist(database);
    AlertAggregator aggregator = new AlertAggregator(interval, blacklist::rules, new SlackWebhook(slackUrl), registry);
    SupervisedLoop consumer = consumerLoop(bootstrapServers, applicationId + "-alerts",
        alert -> aggregator.offer(Incidents.of(alert)), registry, clock);
    Alerts alerts = new Alerts(institutions, aggregator, consumer);
    consumer.start();
    return alerts;
  }

  /**
   * The alert consumer runs and does not keep dying, and the last flush to Slack did not die: a
   * readiness check ({@code alerts}).
   */
  public boolean healthy() {
    return consumer.healthy() && aggregator.healthy();
  }

  /** Called on a dispatch worker's thread: only counts, the Slack call happens later on another. */
  @Override
  public void deadLettered(FailedCommand failed) {
    aggregator.offer(Incidents.of(failed, institutions.find(failed.command().institution())));
  }

  @Override
  public void close() {
    consumer.close();
    aggregator.close();
  }
}
