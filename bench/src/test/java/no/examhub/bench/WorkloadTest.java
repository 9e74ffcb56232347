package no.examhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import no.examhub.event.Command;
import no.examhub.event.ExamEvent;
import no.examhub.event.FsAppeal;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import no.examhub.partner.inspera.InsperaNormaliser;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.platform.kafka.Topic;
import no.examhub.testing.Drivers;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/** The pre-filled input of the topology and replay phases: its size, its duplicates, and the work it makes. */
class WorkloadTest {

  record Sent(String topic, String key, Object value) {}

  static final class Collecting implements Workload.Sink {
    final List<Sent> sent = new ArrayList<>();

    @Override
    public <V> void send(Topic<String, V> topic, String key, V value) {
      sent.add(new Sent(topic.name(), key, value));
    }
  }

  @Test
  void generatesExactlyTheRequestedNumberOfRecordsEvenInsideATest() {
    for (long n : List.of(1L, 17L, 58L, 1_000L, 12_345L)) {
      Collecting sink = new Collecting();
      Workload.Counts counts = Workload.generate(n, sink);
      assertThat(sink.sent).hasSize((int) n);
      assertThat(counts.total()).isEqualTo(n);
    }
  }

  @Test
  void aWebhookRetryIsTheSameEventUnderANewRequestIdWithAValidSignature() {
    Collecting sink = new Collecting();
    Workload.Counts counts = Workload.generate(10_000, sink);
    List<RawRequest> raw = sink.sent.stream().filter(s -> s.topic().equals(Topics.RAW_INSPERA.name()))
        .map(s -> (RawRequest) s.value()).toList();

    Map<String, List<RawRequest>> byEvent = raw.stream()
        .collect(Collectors.groupingBy(r -> InsperaNormaliser.normalise(r).eventId()));
    assertThat(byEvent).hasSize((int) counts.distinctWebhooks());
    assertThat(raw).hasSize((int) counts.webhooks());
    assertThat(counts.webhooks() - counts.distinctWebhooks()).isEqualTo(counts.distinctWebhooks() / Workload.WEBHOOK_RETRY_EVERY);
    List<RawRequest> retried = byEvent.values().stream().filter(copies -> copies.size() == 2).findFirst().orElseThrow();
    assertThat(retried.get(0).requestId()).isNotEqualTo(retried.get(1).requestId());
    assertThat(raw).allSatisfy(r -> assertThat(
        InsperaSignature.verify(InsperaDeliveries.SECRET, r.body(), r.headers().get("x-inspera-signature"))).isTrue());
  }

  @Test
  void aRepolledAppealHashesLikeTheFirstRead() {
    Collecting sink = new Collecting();
    Workload.Counts counts = Workload.generate(10_000, sink);
    List<FsAppeal> appeals = sink.sent.stream().filter(s -> s.topic().equals(Topics.FS_APPEALS.name()))
        .map(s -> (FsAppeal) s.value()).toList();

    assertThat(appeals).hasSize((int) counts.appeals());
    assertThat(appeals.stream().map(FsAppeal::contentHash).distinct().count()).isEqualTo(counts.distinctAppeals());
    assertThat(counts.appeals()).isGreaterThan(counts.distinctAppeals());
  }

  /** Through the whole topology: dedup lets one exam event per distinct webhook through, every case is joined. */
  @Test
  void everyDistinctWebhookBecomesOneExamEventAndEveryAppealCaseReachesItsDecision() {
    long threeWholeTests = endOfTest(3);
    TopologyTestDriver driver = Drivers.whole("workload-test");
    try {
      Workload.Counts counts = Workload.generate(threeWholeTests, new Workload.Sink() {
        @Override
        public <V> void send(Topic<String, V> topic, String key, V value) {
          Drivers.input(driver, topic).pipeInput(key, value);
        }
      });
      List<ExamEvent> events = Drivers.output(driver, Topics.EXAM_EVENTS).readValuesToList();
      List<Command> inspera = Drivers.output(driver, Topics.COMMANDS_INSPERA).readValuesToList();
      List<Command> fs = Drivers.output(driver, Topics.COMMANDS_FS).readValuesToList();

      assertThat(counts.webhooks()).isGreaterThan(counts.distinctWebhooks());
      assertThat(events).hasSize((int) counts.distinctWebhooks());
      assertThat(count(inspera, "register-appeal")).isEqualTo(counts.distinctAppeals());
      assertThat(count(inspera, "request-explanation")).isEqualTo(counts.distinctExplanationRequests());
      assertThat(count(inspera, "fetch-explanation")).isEqualTo(counts.distinctExplanationRequests());
      assertThat(count(fs, "register-appeal-decision")).isEqualTo(counts.distinctAppeals());
      assertThat(Drivers.output(driver, Topics.DEAD_LETTERS).isEmpty()).isTrue();
    } finally {
      driver.close();
    }
  }

  /** How many records the first {@code tests} tests take: up to their last confirm_final_grades. */
  private static long endOfTest(int tests) {
    Collecting sink = new Collecting();
    Workload.generate(tests * 100L, sink);
    int seen = 0;
    for (int i = 0; i < sink.sent.size(); i++) {
      if (sink.sent.get(i).value() instanceof RawRequest r
          && InsperaNormaliser.normalise(r).event().equals(no.examhub.event.ExamEventKinds.FINAL_GRADES) && ++seen == tests) {
        return i + 1;
      }
    }
    throw new IllegalStateException("fewer than " + tests + " tests in " + sink.sent.size() + " records");
  }

  private static long count(List<Command> commands, String operation) {
    return commands.stream().filter(c -> c.operation().equals(operation)).count();
  }
}
