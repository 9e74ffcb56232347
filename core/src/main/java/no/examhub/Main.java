package no.examhub;

import java.util.Arrays;
import java.util.List;
import no.examhub.cli.CaseCommand;
import no.examhub.cli.DeadLettersCommand;
import no.examhub.cli.DoctorCommand;
import no.examhub.cli.EraseCommand;
import no.examhub.cli.ExportEventsCommand;
import no.examhub.cli.InsperaCommand;
import no.examhub.cli.OperatorTokenCommand;
import no.examhub.cli.RunCommand;
import no.examhub.cli.TailCommand;
import no.examhub.cli.TopicsCommand;
import no.examhub.platform.config.ConfigException;

/**
 * The {@code examhub} command: {@code run} (default), {@code topics}, {@code tail}, {@code help}.
 * This is production's; {@code ./examhub} adds the embedded default ({@code DevMain}) and the
 * benchmark ({@code BenchMain}) around it.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "run" : args[0];
    List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
    try {
      int code = switch (command) {
        case "run" -> RunCommand.run();
        case "topics" -> TopicsCommand.run();
        case "tail" -> TailCommand.run(rest);
        case "export-events" -> ExportEventsCommand.run(rest);
        case "dead-letters" -> DeadLettersCommand.run(rest);
        case "case" -> CaseCommand.run(rest);
        case "doctor" -> DoctorCommand.run(rest);
        case "erase" -> EraseCommand.run(rest);
        case "inspera" -> InsperaCommand.run(rest);
        case "operator-token" -> OperatorTokenCommand.run(rest);
        case "help", "-h", "--help" -> help();
        default -> {
          System.err.println("unknown command: " + command);
          help();
          yield 2;
        }
      };
      if (!"run".equals(command) || code != 0) {
        System.exit(code);
      }
    } catch (ConfigException | IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }

  private static int help() {
    System.out.println("""
        usage: ./examhub [command]

          run                       start Examhub (the default). With KAFKA_BOOTSTRAP_SERVERS and
                                    MONGODB_URI unset it starts its embedded broker, store and
                                    partner simulators under ./data
          topics                    list the topics of the broker, with partitions
          tail TOPIC [options]      print a topic's records as JSON lines, then follow it
              --from-beginning      start at the oldest record instead of the newest
              --max N               stop after N records
              --timeout SECONDS     stop after this long without a record (default: follow forever)
          export-events INSTITUTION TEST_ID
                                    order an Inspera test's events export; its candidate events
                                    arrive on examhub.candidate-events
          dead-letters list [--partner P] [--institution I] [--operation O] [--error-code C] [--limit N]
                                    list the commands dispatch gave up on, with their ids
          dead-letters replay (--id ID ... | --partner P ... | --all) [--force]
                                    put them back on their partner's command topic, each once
                                    (again only with --force); through the running Examhub's
                                    operator API: EXAMHUB_OPERATOR_URL (http://127.0.0.1:8080, or
                                    EXAMHUB_ADMIN_PORT's port when set),
                                    EXAMHUB_OPERATOR_TOKEN (default: the demo operator's token)
          case INSTITUTION VURD_ID KANDIDATNR
                                    a candidate's case (appeal, explanation, thesis, history)
                                    from whichever instance holds it; same URL and token as
                                    dead-letters
          doctor INSTITUTION        check the institution's connections: FS (a read), Inspera (the
                                    token exchange) or WISEflow (a cheap call), in plain words;
                                    the console's "check connection"; same URL and token
          erase INSTITUTION CANDIDATE
                                    erase one candidate (candidate number) of one institution:
                                    roster, cases, links, held events, MongoDB records
                                    pseudonymised; audited; the token needs scope erasure
          inspera events|subscriptions INSTITUTION
                                    the event types the institution's Inspera tenant offers, or
                                    the webhook subscriptions registered there; same URL and token
          inspera subscribe INSTITUTION [--public-url URL]
                                    register Examhub's webhook (URL/webhooks/inspera/INSTITUTION,
                                    default URL: Examhub's EXAMHUB_ADVERTISED_URL) for the
                                    institution's configured event names, with a fresh secret
                                    stored as its Inspera webhook secret (never printed)
          operator-token CLIENT_ID [--institution I ...] [--expires INSTANT] [--save]
                                    a new operator token (scope admin), printed once; with
                                    --institution the operator sees and replays only those
                                    institutions' cases and dead letters. Prints the api_clients
                                    document (the token's SHA-256 only), or with --save writes it
                                    to MONGODB_URI
          bench [--phase ingress|topology|verify|replay ...] [options]
                                    benchmarks on private embedded stacks (all phases without
                                    --phase): ingress against its HTTP and broker ceilings and
                                    end to end (--duration S, --connections N, --rate R); topology
                                    throughput (--topology-records N); verify_respondent latency
                                    (--roster-size N, --verify-rate R); replay with heap and RSS
                                    (--replay-records N); --jfr DIR profiles the Streams JVM.
                                    ingress and verify need wrk; see docs/performance.md
          help                      this text

        Configuration comes from environment variables; see README.md.""");
    return 0;
  }
}
