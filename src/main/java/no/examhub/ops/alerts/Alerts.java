package no.examhub.ops.alerts;

import java.util.Optional;
import no.examhub.Examhub;
import no.examhub.dispatch.DeadLetterListener;
import no.examhub.event.FailedCommand;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.simulator.slack.SlackSimulator;

/**
 * Operator alerts to Slack (seed 003): every dead-lettered command and every record on
 * {@code examhub.alerts}, less the blacklisted ones, summarised at most once per
 * {@code EXAMHUB_ALERT_INTERVAL}. Without a webhook URL (and no simulator) alerts are only
 * logged and counted ({@code examhub.alerts.suppressed{reason="no-webhook"}}).
 */
public final class Alerts implements DeadLetterListener, AutoCloseable {
  private final InstitutionDirectory institutions;
  private final AlertAggregator aggregator;
  private final AlertTopicConsumer consumer;

  private Alerts(InstitutionDirectory institutions, AlertAggregator aggregator, String bootstrapServers, String group) {
    this.institutions = institutions;
    this.aggregator = aggregator;
    this.consumer = new AlertTopicConsumer(bootstrapServers, group, alert -> aggregator.offer(Incidents.of(alert)));
  }

  /** Starts the alert consumer; {@code simulatorPort} is where alerts go when no URL is configured. */
  public static Alerts start(Examhub.Parts p, Optional<Integer> simulatorPort) {
    ExamhubConfig c = p.config();
    String url = !c.slackWebhookUrl().isBlank() ? c.slackWebhookUrl()
        : simulatorPort.map(port -> "http://127.0.0.1:" + port + SlackSimulator.WEBHOOK_PATH).orElse("");
    SlackBlacklist blacklist = new SlackBlacklist(p.database());
    AlertAggregator aggregator = new AlertAggregator(c.alertInterval(), blacklist::rules, new SlackWebhook(url),
        p.registry());
    Alerts alerts = new Alerts(p.institutions(), aggregator, p.bootstrapServers(), c.applicationId() + "-alerts");
    alerts.consumer.start();
    return alerts;
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
