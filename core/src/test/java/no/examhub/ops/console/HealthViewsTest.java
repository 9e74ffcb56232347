package no.examhub.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.examhub.access.ApiClient;
import no.examhub.access.Scopes;
import org.junit.jupiter.api.Test;

/**
 * What the health page shows whom: the pipeline's health to every operator, an institution's
 * meters to its operators, and figures across institutions only to operators of every institution.
 */
class HealthViewsTest {
  private static final Layout LAYOUT = Layout.anonymous("Health");

  @Test
  void aScopedOperatorSeesThePipelineAndTheirOwnInstitutionsMetersOnly() {
    Pages.Health page = views(registry()).page(LAYOUT, operator(Set.of("inst-a")));

    assertThat(names(page)).containsExactlyInAnyOrder("examhub.streams.running", "examhub.loop.up",
        "kafka.consumer.fetch.manager.records.lag.max", "examhub.poller.watermark.age.seconds");
    assertThat(page.metrics()).extracting(Pages.Metric::labels).noneMatch(l -> l.contains("inst-b"));
    assertThat(page.scoped()).isTrue();
  }

  @Test
  void anOperatorOfEveryInstitutionSeesEveryMeter() {
    Pages.Health page = views(registry()).page(LAYOUT, operator(null));

    assertThat(names(page)).contains("examhub.cases.open", "examhub.archive.held", "examhub.dispatch.dead.letters",
        "examhub.poller.failures", "examhub.streams.running");
    assertThat(page.metrics()).extracting(Pages.Metric::labels).anyMatch(l -> l.contains("inst-b"));
    assertThat(page.scoped()).isFalse();
  }

  private static MeterRegistry registry() {
    MeterRegistry r = new SimpleMeterRegistry();
    Gauge.builder("examhub.cases.open", () -> 3).tags("flow", "appeal", "state", "ACTIVE").register(r);
    Gauge.builder("examhub.archive.held", () -> 1).register(r);
    Counter.builder("examhub.dispatch.dead.letters").tag("partner", "inspera").register(r).increment();
    Counter.builder("examhub.poller.failures").tag("endpoint", "appeals").register(r);
    Gauge.builder("examhub.poller.watermark.age.seconds", () -> 5).tags("institution", "inst-a", "endpoint", "appeals").register(r);
    Gauge.builder("examhub.poller.watermark.age.seconds", () -> 7).tags("institution", "inst-b", "endpoint", "appeals").register(r);
    Gauge.builder("examhub.streams.running", () -> 1).register(r);
    Gauge.builder("examhub.loop.up", () -> 1).tag("loop", "fs-poller").register(r);
    Gauge.builder("kafka.consumer.fetch.manager.records.lag.max", () -> 0).tag("client.id", "dispatch").register(r);
    return r;
  }

  private static HealthViews views(MeterRegistry registry) {
    return new HealthViews(Map.of(), () -> "RUNNING", registry);
  }

  private static ApiClient operator(Set<String> institutions) {
    return new ApiClient("op", "hash", Set.of(Scopes.ADMIN), null, "test", institutions);
  }

  private static List<String> names(Pages.Health page) {
    return page.metrics().stream().map(Pages.Metric::name).distinct().toList();
  }
}
