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
 *
 * <p>What a scoped operator (limited to some institutions) sees: the pipeline's own health
 * ({@link #PIPELINE}: Streams, supervised loops, consumer lag, the poll interval), which is no
 * institution's data, and the meters labelled with one of their institutions. Every other meter
 * counts the records of every institution together (open cases, held theses, dead letters and
 * retries by partner, polls by endpoint): those are for operators of every institution only, so
 * nothing carrying or summing another institution's data reaches a scoped operator.
 */
final class HealthViews {
  private static final List<String> PREFIXES = List.of("examhub.poller.", "examhub.cases.open", "examhub.archive.",
      "examhub.streams.", "examhub.loop.", "examhub.dispatch.dead.letters", "examhub.dispatch.retries",
      "kafka.consumer.fetch.manager.records.lag.max");
  /** Meters of the pipeline itself, the same for every institution: shown to every operator. */
  static final List<String> PIPELINE = List.of("examhub.streams.", "examhub.loop.",
      "kafka.consumer.fetch.manager.records.lag.max", "examhub.poller.interval.seconds");

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
      if (PREFIXES.stream().noneMatch(name::startsWith) || !visible(operator, m)) {
        continue;
      }
      String labels = m.getId().getTags().stream().map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(", "));
      metrics.add(new Pages.Metric(name, labels, value(m)));
    }
    metrics.sort(Comparator.comparing(Pages.Metric::name).thenComparing(Pages.Metric::labels));
    return new Pages.Health(layout, checks, streamsState.get(), metrics, !operator.allInstitutions());
  }

  static boolean visible(no.examhub.access.ApiClient operator, Meter m) {
    String institution = m.getId().getTag("institution");
    if (institution != null) {
      return operator.mayAccess(institution);
    }
    return operator.allInstitutions() || PIPELINE.stream().anyMatch(m.getId().getName()::startsWith);
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
