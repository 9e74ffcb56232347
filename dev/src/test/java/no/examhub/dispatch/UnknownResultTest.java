package no.examhub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import no.examhub.event.Command;
import no.examhub.event.FailedCommand;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Result;
import no.examhub.event.Topics;
import no.examhub.platform.json.Json;
import no.examhub.testing.TestKafka;
import no.examhub.testing.TopicReader;
import no.examhub.testing.Wire;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A partner answers 200 with a body that is not JSON. After a call that changes something the
 * change was applied: recorded as applied with an unknown result, never retried or dead-lettered
 * (a replay would apply it twice), counted for the alert. After a read it stays a permanent failure.
 */
class UnknownResultTest {
  private static final String GARBAGE = "<html>upstream proxy says hello</html>";

  private final String run = UUID.randomUUID().toString();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private HttpServer server;
  private DispatchRig rig;

  @BeforeAll
  static void topics() {
    TestKafka.withExamhubTopics();
  }

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String key = exchange.getRequestHeaders().getFirst(PartnerHttp.IDEMPOTENCY_KEY);
      calls.computeIfAbsent(exchange.getRequestMethod() + " " + key, k -> new AtomicInteger()).incrementAndGet();
      byte[] body = GARBAGE.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    rig = new DispatchRig(new GarblingPartner(run, "http://127.0.0.1:" + server.getAddress().getPort()),
        "unknown-" + run, registry);
  }

  @AfterEach
  void stop() {
    rig.close();
    server.stop(0);
  }

  @Test
  void anUnreadableAnswerToAChangeIsAppliedWithAnUnknownResultNeverRetriedNorDeadLettered() throws Exception {
    Command c = send("register");

    Outcome o = outcomesOf(c, 1).get(0);
    assertThat(o.status()).isEqualTo(Outcome.Status.APPLIED_RESULT_UNKNOWN);
    assertThat(o.success()).as("applied: the flows go on with what they know").isTrue();
    assertThat(o.errorCode()).isEqualTo("UNREADABLE_ANSWER");
    assertThat(Wire.text(o, "testId")).as("what was known before the call travels on").isEqualTo("T-1");
    Document execution = rig.database().getCollection(Executions.COLLECTION)
        .find(Filters.eq("_id", c.commandId())).first();
    assertThat(execution).isNotNull();
    assertThat(execution.getString("status")).isEqualTo(Executions.RESULT_UNKNOWN);
    assertThat(unknownResults("register")).isEqualTo(1.0);

    // Delivered again (a replay, a rebalance): the record says it was carried out; no second call.
    rig.producer().send(Topics.COMMANDS_PROVIEW, "demo/" + run, c).get();
    List<Outcome> both = outcomesOf(c, 2);
    assertThat(both).hasSize(2).allSatisfy(again -> assertThat(again.resultUnknown()).isTrue());
    assertThat(calls.get("POST " + c.commandId()).get()).as("never retried, never repeated").isEqualTo(1);
    assertThat(deadLettersOf(c, Duration.ofSeconds(3))).isEmpty();
    assertThat(rig.alerts()).isEmpty();
  }

  @Test
  void anUnreadableAnswerToAReadStaysAPermanentFailure() throws Exception {
    Command c = send("lookup");

    assertThat(deadLettersOf(c, Duration.ofSeconds(20))).singleElement().satisfies(f -> assertThat(f.errorCode()).isEqualTo("UNREADABLE_ANSWER"));
    assertThat(outcomesOf(c, 1)).singleElement().satisfies(o -> {
      assertThat(o.success()).isFalse();
      assertThat(o.status()).isEqualTo(Outcome.Status.FAILED);
    });
    assertThat(calls.get("GET " + c.commandId()).get()).isEqualTo(1);
    assertThat(unknownResults("lookup")).isZero();
  }

  private double unknownResults(String operation) {
    Counter counter = registry.find("examhub.dispatch.unknown.results").tags("partner", "proview", "operation", operation)
        .counter();
    return counter == null ? 0 : counter.count();
  }

  private Command send(String operation) throws Exception {
    Command c = Wire.command("demo", Partner.PROVIEW, operation, Json.MAPPER.valueToTree(Map.of("run", run)), "test",
        Instant.now());
    rig.producer().send(Topics.COMMANDS_PROVIEW, "demo/" + run, c).get();
    return c;
  }

  private static List<Outcome> outcomesOf(Command c, int expected) {
    return TopicReader.readUntil(TestKafka.bootstrapServers(), Topics.OUTCOMES,
        o -> o.commandId().equals(c.commandId()), expected, Duration.ofSeconds(20));
  }

  /** @param within how long to wait for the one expected (or, expecting none, for any to show) */
  private static List<FailedCommand> deadLettersOf(Command c, Duration within) {
    return TopicReader.readUntil(TestKafka.bootstrapServers(), Topics.COMMAND_DEAD_LETTERS,
        f -> f.command().commandId().equals(c.commandId()), 1, within);
  }

  /** {@code register} changes something (its POST goes through {@link Changing}); {@code lookup} only reads. */
  private static final class GarblingPartner implements PartnerHandler {
    private final String run;
    private final String baseUrl;
    private final PartnerHttp http = new PartnerHttp(Duration.ofSeconds(2), Duration.ofSeconds(5));

    GarblingPartner(String run, String baseUrl) {
      this.run = run;
      this.baseUrl = baseUrl;
    }

    @Override
    public Partner partner() {
      return Partner.PROVIEW;
    }

    @Override
    public Result execute(Command c) throws PartnerFailure {
      if (!run.equals(Wire.payload(c).path("run").asText())) {
        return new Result.Done(); // another test's command, still on the shared topic
      }
      if ("register".equals(c.operation())) {
        Result.InsperaIds known = new Result.InsperaIds("T-1", null);
        Changing.call(known, () -> http.post(baseUrl + "/appeals", Map.of("x", 1), c.commandId(), Map.of()));
        return known;
      }
      http.get(baseUrl + "/tests/T-1", c.commandId(), Map.of());
      return new Result.Done();
    }
  }
}
