package no.examhub.faults.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.examhub.event.CaseKeys;
import no.examhub.event.Command;
import no.examhub.event.ExamEvent;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.simulator.DemoData;
import no.examhub.simulator.SimulatorServer;
import no.examhub.testing.TopicReader;
import no.examhub.testing.Wire;

/**
 * What the crash test finds after the load: the raw topics against what was acknowledged, the
 * exam events, the commands by id and business key, what each partner simulator applied, and the
 * outcomes and dead letters. Topics are read to their end, read_committed (see {@link TopicReader#readAll}).
 */
record CrashFindings(
    LoadGenerator generator,
    CrashLoad load,
    int acknowledged,
    Set<String> lostWebhooks,
    int rawRecords,
    Set<String> eventsLost,
    long eventDuplicates,
    List<CommandTally> commands,
    List<PartnerTally> partners,
    Map<String, Long> filed,
    int ourCommands,
    int succeeded,
    long failedOutcomes,
    long outcomesAgain,
    int commandDeadLetters,
    int recordDeadLetters) {

  static CrashFindings read(String bootstrap, CrashLoad load, LoadGenerator generator, SimulatorServer sims) {
    Set<String> acknowledged = generator.acknowledgedWebhooks().stream().map(Webhook::body).collect(Collectors.toSet());
    List<String> raw = rawBodies(bootstrap);
    Set<String> lost = new HashSet<>(acknowledged);
    lost.removeAll(new HashSet<>(raw));

    Map<String, Long> eventsByObject = TopicReader.readAll(bootstrap, Topics.EXAM_EVENTS).stream()
        .map(Map.Entry::getValue).filter(e -> DemoData.INSTITUTION.equals(e.institution()))
        .collect(Collectors.groupingBy(ExamEvent::objectId, Collectors.counting()));
    Set<String> eventsLost = new HashSet<>(load.insperaObjects());
    eventsLost.removeAll(eventsByObject.keySet());

    CommandTally metadata = CommandTally.of(Operations.FETCH_TEST_METADATA, load.testIds(),
        commands(bootstrap, Partner.INSPERA), c -> Wire.payload(c).path("testId").asText());
    CommandTally archive = CommandTally.of(Operations.ARCHIVE_THESIS, load.thesisCases(),
        commands(bootstrap, Partner.ARCHIVE), c -> CaseKeys.of(c.institution(), Wire.payload(c).path("vurdId").asText(),
            Wire.payload(c).path("kandidatnr").asText()));
    CommandTally sessions = CommandTally.of(Operations.FETCH_SESSION, load.sessions(),
        commands(bootstrap, Partner.PROVIEW), c -> Wire.payload(c).path("sessionUuid").asText());

    Set<String> ours = new HashSet<>();
    List.of(metadata, archive, sessions).forEach(t -> ours.addAll(t.idByKey().values()));
    List<Outcome> outcomes = TopicReader.readAll(bootstrap, Topics.OUTCOMES).stream().map(Map.Entry::getValue)
        .filter(o -> ours.contains(o.commandId())).toList();
    Set<String> succeeded = outcomes.stream().filter(Outcome::success).map(Outcome::commandId)
        .collect(Collectors.toSet());
    long failed = outcomes.stream().filter(o -> !o.success()).count();

    return new CrashFindings(generator, load, acknowledged.size(), lost, raw.size(), eventsLost,
        eventsByObject.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum(),
        List.of(metadata, archive, sessions), partnerTallies(sims, metadata, archive, sessions),
        sims.archive().filed().stream().collect(Collectors.groupingBy(
            f -> f.record().path("externalReference").asText(), Collectors.counting())),
        ours.size(), succeeded.size(), failed, outcomes.size() - succeeded.size() - failed,
        TopicReader.readAll(bootstrap, Topics.COMMAND_DEAD_LETTERS).size(),
        TopicReader.readAll(bootstrap, Topics.DEAD_LETTERS).size());
  }

  private static List<String> rawBodies(String bootstrap) {
    return Stream.concat(TopicReader.readAll(bootstrap, Topics.RAW_INSPERA).stream(),
            TopicReader.readAll(bootstrap, Topics.RAW_PROVIEW).stream())
        .map(e -> new String(e.getValue().body(), StandardCharsets.UTF_8)).toList();
  }

  private static List<Command> commands(String bootstrap, Partner partner) {
    return TopicReader.readAll(bootstrap, Topics.commandsFor(partner)).stream().map(Map.Entry::getValue).toList();
  }

  /** Each partner's calls by the thing they are about: a test, a thesis case (found by its key), a session. */
  private static List<PartnerTally> partnerTallies(SimulatorServer sims, CommandTally metadata, CommandTally archive,
      CommandTally sessions) {
    Map<String, String> caseByCommand = new HashMap<>();
    archive.idByKey().forEach((caseKey, id) -> caseByCommand.put(id, caseKey));
    return List.of(
        PartnerTally.of("Inspera simulator", sims.inspera().script().calls(),
            c -> after(c.path(), "/inspera/" + no.examhub.simulator.DemoData.DEMO_INSPERA_DOMAIN + "/api/v1/test/"), metadata.idByKey()),
        PartnerTally.of("archive simulator", sims.archive().script().calls(),
            c -> c.path().equals("/archive/v1/records")
                ? caseByCommand.getOrDefault(c.idempotencyKey(), "unknown key " + c.idempotencyKey()) : null,
            archive.idByKey()),
        PartnerTally.of("Proview simulator", sims.proview().script().calls(),
            c -> after(c.path(), "/proview/v1/sessions/"), sessions.idByKey()));
  }

  private static String after(String path, String prefix) {
    return path.startsWith(prefix) ? path.substring(prefix.length()) : null;
  }

  void print(String title, List<Kill> kills) {
    Figures f = new Figures(title);
    for (int i = 0; i < kills.size(); i++) {
      f.add("SIGKILL " + (i + 1), kills.get(i));
    }
    f.add("webhooks (positions in the load)", load.webhooks().size())
        .add("distinct deliveries (re-sent ones counted once)", load.distinctBodies())
        .add("HTTP requests sent (with the generator's own retries)", generator.requests())
        .add("answers by status or failure", generator.answersByKind())
        .add("acknowledged (2xx), distinct deliveries", acknowledged)
        .add("found on the raw topics", acknowledged - lostWebhooks.size())
        .add("lost (acknowledged, not on a raw topic)", lostWebhooks.size())
        .add("raw records (retries and re-sends stored again)", rawRecords)
        .add("exam events expected", load.insperaObjects().size())
        .add("exam events lost", eventsLost.size())
        .add("exam events duplicated", eventDuplicates);
    commands.forEach(t -> t.addTo(f));
    partners.forEach(t -> t.addTo(f));
    f.add("theses filed in the archive", filed.size())
        .add("theses filed twice", filed.values().stream().filter(n -> n > 1).count())
        .add("commands without a successful outcome", ourCommands - succeeded)
        .add("failure outcomes", failedOutcomes)
        .add("outcomes sent again for a redelivered, already carried-out command", outcomesAgain)
        .add("dead letters (commands / records)", commandDeadLetters + " / " + recordDeadLetters)
        .print();
  }

  void assertNothingLostAndNothingDoneTwice(int webhooks, List<Kill> kills) {
    assertThat(generator.acknowledgedCount()).as("every webhook was acknowledged in the end").isEqualTo(webhooks);
    assertThat(lostWebhooks).as("acknowledged webhooks missing from the raw topics").isEmpty();
    assertThat(eventsLost).as("Inspera webhooks without an exam event").isEmpty();
    assertThat(eventDuplicates).as("exam events delivered twice").isZero();
    for (CommandTally t : commands) {
      assertThat(t.lost()).as(t.operation() + " commands that should exist and do not").isEmpty();
      assertThat(t.duplicateIds()).as(t.operation() + " commands on their topic twice").isEmpty();
      assertThat(t.duplicateKeys()).as(t.operation() + " commands twice for the same thing").isEmpty();
      assertThat(t.unexpected()).as(t.operation() + " commands nothing asked for").isEmpty();
    }
    for (PartnerTally t : partners) {
      assertThat(t.notApplied()).as(t.partner() + ": commands never applied").isEmpty();
      assertThat(t.appliedTwice()).as(t.partner() + ": applied twice").isEmpty();
      assertThat(t.wrongKey()).as(t.partner() + ": a call without the command id as Idempotency-Key").isEmpty();
    }
    assertThat(partners.stream().mapToLong(PartnerTally::repeats).sum())
        .as("repeats after kills that found a partner call applied and unanswered (each must be repeated)")
        .isGreaterThanOrEqualTo(kills.stream().filter(Kill::duringPartnerCall).count());
    assertThat(filed).as("one archive record per thesis").hasSize(load.thesisCases().size())
        .allSatisfy((ref, n) -> assertThat(n).as(ref).isEqualTo(1L));
    assertThat(succeeded).as("commands with a successful outcome").isEqualTo(ourCommands);
    assertThat(failedOutcomes).as("failure outcomes").isZero();
    assertThat(commandDeadLetters).as("dead-lettered commands").isZero();
    assertThat(recordDeadLetters).as("dead-lettered records").isZero();
  }
}
