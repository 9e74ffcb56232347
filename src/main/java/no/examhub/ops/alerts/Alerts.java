package no.examhub.ops.alerts;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import no.examhub.Examhub;
import no.examhub.dispatch.DeadLetterListener;
import no.examhub.event.Alert;
import no.examhub.event.FailedCommand;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.process.SupervisedLoop;
import no.examhub.simulator.slack.SlackSimulator;

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
  public static Alerts start(Examhub.Parts p, Optional<Integer> simulatorPort) {
    ExamhubConfig c = p.config();
    String url = !c.slackWebhookUrl().isBlank() ? c.slackWebhookUrl()
        : simulatorPort.map(port -> "http://127.0.0.1:" + port + SlackSimulator.WEBHOOK_PATH).orElse("");
    SlackBlacklist blacklist = new SlackBlacklist(p.database());
    AlertAggregator aggregator = new AlertAggregator(c.alertInterval(), blacklist::rules, new SlackWebhook(url),
        p.registry());
    SupervisedLoop consumer = consumerLoop(p.bootstrapServers(), c.applicationId() + "-alerts",
        alert -> aggregator.offer(Incidents.of(alert)), p.registry(), p.clock());
    Alerts alerts = new Alerts(p.institutions(), aggregator, consumer);
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
