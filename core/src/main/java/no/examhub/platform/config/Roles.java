package no.examhub.platform.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one instance runs ({@code EXAMHUB_ROLES}): the ingress scales with the webhook load apart
 * from the stateful topology, which scales with partitions. Every instance serves health, metrics
 * and the operator API whatever its roles.
 */
public record Roles(Set<Role> set) {

  /** One part of Examhub that an instance may run. */
  public enum Role {
    /** The webhook and partner routes: each request produced to its raw topic, no state. */
    INGRESS,
    /** Kafka Streams (the topology, its stores, interactive queries) and the retention jobs. */
    STREAMS,
    /** The command workers, one consumer group per partner, and the Slack alerts. */
    DISPATCH,
    /** The FS poller and its reconciliation, which reads the open cases from this instance's store. */
    POLLERS;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Roles {
    set = Set.copyOf(set);
  }

  public static Roles all() {
    return new Roles(EnumSet.allOf(Role.class));
  }

  /** A comma-separated list of role names; unknown names and an empty list are refused. */
  static Roles parse(String value) {
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : value.split(",")) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      if (n.isEmpty()) {
        continue;
      }
      roles.add(Arrays.stream(Role.values()).filter(r -> r.label().equals(n)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown role '" + n + "' (expected any of " + known() + ")")));
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("names no role (expected any of " + known() + ")");
    }
    return new Roles(roles);
  }

  public boolean has(Role role) {
    return set.contains(role);
  }

  private static String known() {
    return Arrays.stream(Role.values()).map(Role::label).collect(Collectors.joining(", "));
  }

  /** As written in {@code EXAMHUB_ROLES}: {@code ingress,streams}. */
  @Override
  public String toString() {
    return Arrays.stream(Role.values()).filter(set::contains).map(Role::label).collect(Collectors.joining(","));
  }
}
