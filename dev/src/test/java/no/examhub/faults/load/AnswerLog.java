package no.examhub.faults.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the load's clients were answered, kept for the cluster tests' windows (a fault until the
 * next, or until the load was done): the requests sent in a window, the refusals among them, the
 * slowest acknowledgement and the longest stretch without one.
 */
final class AnswerLog implements LoadGenerator.Observer {
  private final List<LoadGenerator.Answer> answers = Collections.synchronizedList(new ArrayList<>());
  private final Timeline acknowledgements = new Timeline();

  @Override
  public void answered(Webhook webhook, LoadGenerator.Answer answer) {
    answers.add(answer);
    if (answer.acknowledged()) {
      acknowledgements.add(answer.answeredNanos());
    }
  }

  /** The answers to requests sent within [from, to). */
  List<LoadGenerator.Answer> sentBetween(long fromNanos, long toNanos) {
    return List.copyOf(answers).stream().filter(a -> a.sentNanos() >= fromNanos && a.sentNanos() < toNanos).toList();
  }

  /** Of the requests sent within [from, to), those not acknowledged, by HTTP status or kind of failure. */
  Map<String, Long> refusalsBetween(long fromNanos, long toNanos) {
    Map<String, Long> refusals = new TreeMap<>();
    sentBetween(fromNanos, toNanos).stream().filter(a -> !a.acknowledged())
        .forEach(a -> refusals.merge(a.status() < 0 ? a.body() : Integer.toString(a.status()), 1L, Long::sum));
    return refusals;
  }

  /** The longest time an acknowledged request sent within [from, to) waited for its answer. */
  double slowestAcknowledgementSeconds(long fromNanos, long toNanos) {
    return sentBetween(fromNanos, toNanos).stream().filter(LoadGenerator.Answer::acknowledged)
        .mapToLong(a -> a.answeredNanos() - a.sentNanos()).max().orElse(0) / 1e9;
  }

  String longestWithoutAcknowledgement(long fromNanos, long toNanos) {
    return String.format("%.2f s", acknowledgements.longestGapSeconds(fromNanos, toNanos));
  }

  /** Waits until {@code count} webhooks are acknowledged, or gives up quietly: the figures show it. */
  static void awaitAcknowledged(LoadGenerator generator, long count, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (generator.acknowledgedCount() < count && System.nanoTime() < deadline) {
      pause(20);
    }
  }

  static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }
}
