package no.examhub.faults.load;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.testing.TopicReader;

/**
 * Waits until the work a load caused is done: every command it must cause is on its topic with a
 * successful outcome, and then nothing more is written for a while (a late duplicate would be
 * written within that quiet time, so the final count sees it). Gives up quietly at the deadline:
 * the test's figures then show what is missing.
 */
final class Settling {
  private static final Duration QUIET = Duration.ofSeconds(6);
  private static final List<String> WATCHED = List.of(Topics.EXAM_EVENTS.name(), Topics.OUTCOMES.name(),
      Topics.COMMANDS_INSPERA.name(), Topics.COMMANDS_ARCHIVE.name(), Topics.COMMANDS_PROVIEW.name(),
      Topics.retryOf(Partner.INSPERA).name(), Topics.retryOf(Partner.ARCHIVE).name(),
      Topics.retryOf(Partner.PROVIEW).name(), Topics.COMMAND_DEAD_LETTERS.name(), Topics.DEAD_LETTERS.name());

  private Settling() {}

  static boolean awaitCommands(String bootstrap, CrashLoad load, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    int expected = load.testIds().size() + load.thesisCases().size() + load.sessions().size();
    while (System.nanoTime() < deadline) {
      if (succeededCommands(bootstrap) >= expected) {
        return awaitQuiet(bootstrap, deadline);
      }
      Thread.sleep(2_000);
    }
    return false;
  }

  private static int succeededCommands(String bootstrap) {
    Set<String> commands = new HashSet<>();
    for (Partner p : List.of(Partner.INSPERA, Partner.ARCHIVE, Partner.PROVIEW)) {
      TopicReader.readAll(bootstrap, Topics.commandsFor(p)).forEach(e -> commands.add(e.getValue().commandId()));
    }
    Set<String> succeeded = TopicReader.readAll(bootstrap, Topics.OUTCOMES).stream().map(Map.Entry::getValue)
        .filter(Outcome::success).map(Outcome::commandId).collect(Collectors.toSet());
    commands.retainAll(succeeded);
    return commands.size();
  }

  /** True once the watched topics' ends stayed where they were for {@link #QUIET}. */
  static boolean awaitQuiet(String bootstrap, long deadlineNanos) throws InterruptedException {
    long last = ends(bootstrap);
    long quietSince = System.nanoTime();
    while (System.nanoTime() < deadlineNanos) {
      Thread.sleep(1_000);
      long now = ends(bootstrap);
      if (now != last) {
        last = now;
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince >= QUIET.toNanos()) {
        return true;
      }
    }
    return false;
  }

  private static long ends(String bootstrap) {
    return WATCHED.stream().mapToLong(t -> TopicReader.endOffsetSum(bootstrap, t)).sum();
  }
}
