package no.examhub.ops.alerts;

/**
 * A rule of {@code slack_blacklists} (seed 003's {@code configDB.slack-blacklists}): alerts it
 * matches are known noise and are only counted. A field that is null, empty or {@code *} matches
 * anything, so {@code {"errorCode": "404"}} silences every 404 and {@code {"institution": "uit",
 * "submodule": "register-appeal"}} one institution's appeals.
 *
 * @param module the partner (or the alert kind); optional, since an operation name is mostly enough
 */
record BlacklistRule(String institution, String module, String submodule, String errorCode, String reason) {

  boolean matches(Incident.Key key) {
    return matches(institution, key.institution()) && matches(module, key.module())
        && matches(submodule, key.submodule()) && matches(errorCode, key.errorCode());
  }

  private static boolean matches(String pattern, String value) {
    return pattern == null || pattern.isEmpty() || "*".equals(pattern) || pattern.equals(value);
  }
}
