package no.examhub.ops.alerts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import no.examhub.event.Alert;
import no.examhub.event.Command;
import no.examhub.event.FailedCommand;
import no.examhub.institution.Institution;
import no.examhub.platform.logging.Redaction;

/**
 * Turns a dead-lettered command or an alert record into an {@link Incident} with seed 003's Slack
 * fields. Only ids are copied out of a command's payload (vurdId, testId, flowId), never the
 * payload itself, and every message is redacted, so no personal number reaches the channel.
 */
final class Incidents {
  private Incidents() {}

  static Incident of(FailedCommand failed, Optional<Institution> institution) {
    Command c = failed.command();
    Map<String, String> details = new LinkedHashMap<>();
    details.put("shortName", c.institution());
    institution.ifPresent(i -> {
      details.put("orgId", i.orgId());
      details.put("examSystem", String.valueOf(i.examSystem()));
      details.put("examSysInstance", i.instance());
    });
    copy(c, "vurdId", details);
    copy(c, "sisCode", details);
    copy(c, "testId", details);
    copy(c, "flowId", details);
    details.put("commandId", c.commandId());
    details.put("attempts", Integer.toString(failed.attempts()));
    return new Incident(Incident.DEAD_LETTER, c.partner().id(), c.operation(), c.institution(),
        String.valueOf(failed.errorCode()), Redaction.redact(failed.reason()), details, failed.failedAt());
  }

  static Incident of(Alert alert) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("shortName", alert.institution());
    if (alert.reference() != null) {
      details.put("reference", Redaction.redact(alert.reference()));
    }
    return new Incident(Incident.ALERT, alert.kind(), alert.kind(), String.valueOf(alert.institution()),
        String.valueOf(alert.severity()), Redaction.redact(alert.summary()), details, alert.at());
  }

  private static void copy(Command c, String field, Map<String, String> into) {
    String value = c.payloadText(field);
    if (value != null) {
      into.put(field, Redaction.redact(value));
    }
  }
}
