package no.examhub.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import no.examhub.event.Command;
import no.examhub.event.Partner;
import no.examhub.event.Payload;
import no.examhub.event.Topics;
import no.examhub.platform.kafka.DurableProducer;

/**
 * {@code examhub export-events INSTITUTION TEST_ID}: asks for an Inspera test's events export on
 * demand, by writing the {@code export-test-events} command the Inspera dispatch worker carries
 * out. The request time is in the payload, so each request is a new export, not a done command.
 */
public final class ExportEventsCommand {
  private ExportEventsCommand() {}

  public static int run(List<String> args) throws Exception {
    if (args.size() != 2 || !args.get(1).matches("\\d{1,19}")) {
      throw new IllegalArgumentException("usage: examhub export-events INSTITUTION TEST_ID (a numeric Inspera test id)");
    }
    Command command = command(args.get(0), args.get(1), Instant.now());
    try (DurableProducer producer = new DurableProducer(ClientConfig.bootstrapServers(), "examhub-cli", 15_000,
        new SimpleMeterRegistry())) {
      producer.send(Topics.COMMANDS_INSPERA, args.get(0) + "/" + args.get(1), command).get(30, TimeUnit.SECONDS);
    }
    System.out.println("export of test " + args.get(1) + " requested: command " + command.commandId()
        + "; events arrive on " + Topics.CANDIDATE_EVENTS.name());
    return 0;
  }

  static Command command(String institution, String testId, Instant now) {
    return Command.of(institution, Partner.INSPERA, new Payload.ExportTestEvents(testId, "cli:" + now), "cli", now);
  }
}
