package no.examhub.platform.config;

/** One environment variable Examhub reads: its name, its default (empty when none) and what it does. */
public record Setting(String name, String defaultValue, String description) {}
