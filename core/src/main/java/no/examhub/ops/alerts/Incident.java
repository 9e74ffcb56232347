package no.examhub.ops.alerts;

import java.time.Instant;
import java.util.Map;

/**
 * One thing to tell the Slack channel about, in seed 003's alert terms. Built from a dead-lettered
 * command or an {@code examhub.alerts} record; carries ids only, never a payload or a personal number.
 *
 * @param source {@link #DEAD_LETTER} or {@link #ALERT}, for the message's headline
 * @param module the partner (seed 003's module-id), or the alert's kind
 * @param submodule the operation, or the alert's kind
 * @param details seed 003's fields (shortName, orgId, examSystem, vurdId, commandId ...), in order
 */
record Incident(String source, String module, String submodule, String institution, String errorCode,
    String message, Map<String, String> details, Instant at) {
  static final String DEAD_LETTER = "dead-letter";
  static final String ALERT = "alert";

  /** What blacklist rules match on and what the summary counts by. */
  Key key() {
    return new Key(source, module, submodule, institution, errorCode);
  }

  record Key(String source, String module, String submodule, String institution, String errorCode) {
    @Override
    public String toString() {
      String what = module.equals(submodule) ? module : module + "/" + submodule;
      return what + " " + institution + " " + errorCode;
    }
  }
}
