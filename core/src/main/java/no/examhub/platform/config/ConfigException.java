package no.examhub.platform.config;

import java.util.List;

/** Thrown at start-up when the environment is invalid; lists every problem at once. */
public final class ConfigException extends RuntimeException {
  public ConfigException(List<String> problems) {
    super("Invalid configuration:\n  - " + String.join("\n  - ", problems));
  }
}
