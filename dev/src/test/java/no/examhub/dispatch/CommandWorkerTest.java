package no.examhub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import no.examhub.event.Command;
import no.examhub.event.FailedCommand;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Result;
import no.examhub.event.Topics;
import no.examhub.platform.json.Json;
import no.examhub.testing.Eventually;
import no.examhub.testing.TestKafka;
import no.examhub.testing.TopicReader;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dispatch's guarantees against a real broker, with a scripted partner. */
class CommandWorkerTest {
  private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

  private final String run = UUID.randomUUID().toString();
  private final ScriptedPartner partner = new ScriptedPartner(run);
  private DispatchRig rig;

  @BeforeAll
  static void topics() {
    TestKafka.withExamhubTopics();
  }

  @BeforeEach
  void start() {
    rig = new DispatchRig(partner, "test-" + run, REGISTRY);
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  @Test
  void aPartnerThatFailsTwiceThenSucceedsGetsThreeCallsAndGivesOneOutcome() throws Exception {
    partner.script(ScriptedPartner.Step.RETRYABLE, ScriptedPartner.Step.RETRYABLE, ScriptedPartner.Step.OK);
    Command c = send("twice-then-ok");

    List<Outcome> outcomes = outcomesOf(c, 2, Duration.ofSeconds(20));
    assertThat(outcomes).singleElement().satisfies(o -> {
      assertThat(o.success()).isTrue();
      assertThat(o.attempts()).isEqualTo(3);
      assertThat(Wire.result(o).path("title").asText()).as("the partner's answer").isEqualTo("twice-then-ok");
    });
    assertThat(partner.calls(c)).isEqualTo(3);
  }

  @Test
  void aPartnerThatAlwaysFailsGivesADeadLetterAfterTheLimitAndOneAlert() throws Exception {
    partner.script(ScriptedPartner.Step.RETRYABLE, ScriptedPartner.Step.RETRYABLE, ScriptedPartner.Step.RETRYABLE,
        ScriptedPartner.Step.RETRYABLE);
    Command c = send("always-fails");

    List<FailedCommand> dead = TopicReader.readUntil(TestKafka.bootstrapServers(), Topics.COMMAND_DEAD_LETTERS,
        f -> f.command().commandId().equals(c.commandId()), 1, Duration.ofSeconds(20));
    assertThat(dead).singleElement().satisfies(f -> {
      assertThat(f.attempts()).isEqualTo(3);
      assertThat(f.errorCode()).isEqualTo("503");
    });
    assertThat(outcomesOf(c, 1, Duration.ofSeconds(10))).singleElement().extracting(Outcome::success).isEqualTo(false);
    assertThat(partner.calls(c)).isEqualTo(3);
    Eventually.holds(Duration.ofSeconds(5), () -> rig.alerts().size() == 1);
  }

  @Test
  void aRefusalThatRetryingCannotChangeIsDeadLetteredAtOnce() throws Exception {
    partner.script(ScriptedPartner.Step.PERMANENT);
    Command c = send("refused");

    assertThat(TopicReader.readUntil(TestKafka.bootstrapServers(), Topics.COMMAND_DEAD_LETTERS,
        f -> f.command().commandId().equals(c.commandId()), 1, Duration.ofSeconds(20)))
        .singleElement().satisfies(f -> assertThat(f.errorCode()).isEqualTo("404"));
    assertThat(partner.calls(c)).isEqualTo(1);
  }

  @Test
  void aCommandDeliveredTwiceIsCarriedOutOnce() throws Exception {
    partner.script(ScriptedPartner.Step.OK, ScriptedPartner.Step.OK);
    Command c = command("delivered-twice");
    rig.producer().send(Topics.COMMANDS_PROVIEW, "demo/x", c).get();
    rig.producer().send(Topics.COMMANDS_PROVIEW, "demo/x", c).get();

    List<Outcome> outcomes = outcomesOf(c, 2, Duration.ofSeconds(20));
    assertThat(outcomes).hasSize(2).allSatisfy(o -> assertThat(o.success()).isTrue());
    assertThat(partner.calls(c)).isEqualTo(1);
  }

  private Command send(String echo) throws Exception {
    Command c = command(echo);
    rig.producer().send(Topics.COMMANDS_PROVIEW, "demo/" + echo, c).get();
    return c;
  }

  private Command command(String echo) {
    JsonNode payload = Json.MAPPER.valueToTree(java.util.Map.of("run", run, "echo", echo));
    return Wire.command("demo", Partner.PROVIEW, "fetch-session", payload, "test", Instant.now());
  }

  private static List<Outcome> outcomesOf(Command c, int atMost, Duration within) {
    return TopicReader.readUntil(TestKafka.bootstrapServers(), Topics.OUTCOMES,
        o -> o.commandId().equals(c.commandId()), atMost, within);
  }

  /** A partner whose answers a test scripts, counting the calls each command got. */
  static final class ScriptedPartner implements PartnerHandler {
    enum Step { OK, RETRYABLE, PERMANENT }

    private final String run;
    private final Deque<Step> steps = new ArrayDeque<>();
    private final java.util.Map<String, AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();

    ScriptedPartner(String run) {
      this.run = run;
    }

    synchronized void script(Step... next) {
      steps.addAll(List.of(next));
    }

    int calls(Command c) {
      AtomicInteger n = calls.get(c.commandId());
      return n == null ? 0 : n.get();
    }

    @Override
    public Partner partner() {
      return Partner.PROVIEW;
    }

    @Override
    public synchronized Result execute(Command command) throws PartnerFailure {
      if (!run.equals(Wire.payload(command).path("run").asText())) {
        return new Result.Done(); // another test's command, still on the shared topic
      }
      calls.computeIfAbsent(command.commandId(), k -> new AtomicInteger()).incrementAndGet();
      Step step = steps.isEmpty() ? Step.OK : steps.poll();
      return switch (step) {
        case OK -> new Result.ProctoringSession(null, null, null, null, null, null,
            Wire.payload(command).path("echo").asText(), null, null);
        case RETRYABLE -> throw PartnerFailure.retryable("503", "scripted outage");
        case PERMANENT -> throw PartnerFailure.permanent("404", "scripted refusal");
      };
    }
  }
}
