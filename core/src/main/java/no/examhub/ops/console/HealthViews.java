package no.examhub.ops.console;

import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The health page, from Examhub's own state and metrics (so it works without Grafana): each
 * readiness check, the Streams state, and the meters an operator asks about first: pollers and
 * their watermarks' age, open cases, held theses and the next due one, consumer lag, dead letters.
 * An operator scoped to some institutions sees only meters of those institutions, or of none.
 */
final class HealthViews {
  private static final List<String> PREFIXES = List.of("examhub.poller.", "examhub.cases.open", "examhub.archive.",
      "examhub.streams.", "examhub.loop.", "examhub.dispatch.dead.letters", "examhub.dispatch.retries",
      "kafka.consumer.fetch.manager.records.lag.max");

  private final Map<String, BooleanSupplier> readiness;
  private final Supplier<String> streamsState;
  private final MeterRegistry registry;

  HealthViews(Map<String, BooleanSupplier> readiness, Supplier<String> streamsState, MeterRegistry registry) {
    this.readiness = readiness;
    this.streamsState = streamsState;
    this.registry = registry;
  }

  Pages.Health page(Layout layout, no.examhub.access.ApiClient operator) {
    List<Pages.Check> checks = new ArrayList<>();
    readiness.forEach((name, check) -> checks.add(new Pages.Check(name, safely(check))));
    List<Pages.Metric> metrics = new ArrayList<>();
    for (Meter m : registry.getMeters()) {
      String name = m.getId().getName();
      String institution = m.getId().getTag("institution");
      if (PREFIXES.stream().noneMatch(name::startsWith) || (institution != null && !operator.mayAccess(institution))) {
        continue;
      }
      String labels = m.getId().getTags().stream().map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(", "));
      metrics.add(new Pages.Metric(name, labels, value(m)));
    }
    metrics.sort(Comparator.comparing(Pages.Metric::name).thenComparing(Pages.Metric::labels));
    return new Pages.Health(layout, checks, streamsState.get(), metrics);
  }

  private static String value(Meter m) {
    for (Measurement x : m.measure()) {
      double v = x.getValue();
      return Double.isNaN(v) ? "unknown" : v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
          : String.format(java.util.Locale.ROOT, "%.2f", v);
    }
    return "";
  }

  private static boolean safely(BooleanSupplier check) {
    try {
      return check.getAsBoolean();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
