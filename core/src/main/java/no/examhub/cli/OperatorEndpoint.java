package no.examhub.cli;

import no.examhub.platform.config.ExamhubConfig;

/**
 * Where the CLI's operator commands reach the running Examhub: {@code EXAMHUB_OPERATOR_URL}
 * (default {@code http://127.0.0.1:8080}, or the port {@code EXAMHUB_ADMIN_PORT} names) and {@code EXAMHUB_OPERATOR_TOKEN}, or, when that is
 * unset, the demo operator's token from {@code data/demo-credentials.json}.
 */
record OperatorEndpoint(String url, String token) {
  static OperatorEndpoint fromEnvironment() {
    String url = System.getenv().getOrDefault("EXAMHUB_OPERATOR_URL", defaultUrl(System.getenv("EXAMHUB_ADMIN_PORT")));
    String token = System.getenv("EXAMHUB_OPERATOR_TOKEN");
    if (token == null || token.isBlank()) {
      token = DeadLettersCommand.demoToken(ExamhubConfig.fromEnvironment().dataDir().resolve("demo-credentials.json"));
    }
    return new OperatorEndpoint(url, token);
  }

  /** The operator API is on the admin listener when there is one ({@code EXAMHUB_ADMIN_PORT}). */
  static String defaultUrl(String adminPort) {
    return "http://127.0.0.1:" + (adminPort == null || adminPort.isBlank() ? "8080" : adminPort.trim());
  }
}
