package no.examhub.faults.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends webhooks concurrently over several keep-alive connections, as partners do: whatever is
 * not answered 2xx (an error status, a refused or broken connection, a timeout) is sent again,
 * unchanged, after a growing pause, until it is acknowledged. Records every acknowledgement by
 * webhook, and every answer by kind, for the test's figures.
 */
final class LoadGenerator {
  /**
   * What one attempt got: an HTTP status and body, or status -1 and the I/O error; and when it was
   * sent and answered ({@link System#nanoTime()}).
   */
  record Answer(int status, String body, String retryAfter, long sentNanos, long answeredNanos) {
    boolean acknowledged() {
      return status >= 200 && status < 300;
    }
  }

  /** Sees every answer as it comes, e.g. to check what the ingress says while the broker is down. */
  interface Observer {
    void answered(Webhook webhook, Answer answer);
  }

  private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);
  private static final Duration AVOID_FOR = Duration.ofSeconds(1);

  private final List<String> baseUrls;
  private final List<Webhook> webhooks;
  private final int connections;
  private final long intervalNanos;
  private final Observer observer;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicLong nextSlot = new AtomicLong();
  private final AtomicIntegerArray acknowledged;
  private final LongAdder started = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private final LongAdder acknowledgedCount = new LongAdder();
  private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
  private final List<Thread> senders = new ArrayList<>();
  private volatile boolean stopping;
  private volatile long deadlineNanos = Long.MAX_VALUE;
  private volatile int holdFrom = Integer.MAX_VALUE;
  private final AtomicLong heldSince = new AtomicLong();

  /** As fast as the connections allow. */
  LoadGenerator(String baseUrl, List<Webhook> webhooks, int connections, Observer observer) {
    this(baseUrl, webhooks, connections, 0, observer);
  }

  /**
   * At most {@code perSecond} new webhooks a second (0: no limit). A webhook held up by retries
   * leaves its slot behind, and the senders catch up afterwards, as a partner's backlog does.
   */
  LoadGenerator(String baseUrl, List<Webhook> webhooks, int connections, double perSecond, Observer observer) {
    this(List.of(baseUrl), webhooks, connections, perSecond, observer);
  }

  /**
   * Split over several instances as a load balancer would: connection {@code i} prefers instance
   * {@code i % n}, and after a failed attempt there it sends to the next instance for {@link
   * #AVOID_FOR} (a health check's view), so the load goes on while one instance is down.
   */
  LoadGenerator(List<String> baseUrls, List<Webhook> webhooks, int connections, double perSecond, Observer observer) {
    this.baseUrls = List.copyOf(baseUrls);
    this.webhooks = webhooks;
    this.connections = connections;
    this.intervalNanos = perSecond <= 0 ? 0 : (long) (1e9 / perSecond);
    this.observer = observer;
    this.acknowledged = new AtomicIntegerArray(webhooks.size());
  }

  LoadGenerator start() {
    nextSlot.set(System.nanoTime());
    for (int i = 0; i < connections; i++) {
      int preferred = i % baseUrls.size();
      Thread t = new Thread(() -> sendUntilDone(preferred), "load-" + i);
      t.setDaemon(true);
      t.start();
      senders.add(t);
    }
    return this;
  }

  /**
   * No webhook from position {@code index} on is started until {@link #release()}: keeps part of
   * the load for a fault that must come later, however slowly the cluster recovers from the one before.
   */
  void holdFrom(int index) {
    holdFrom = index;
  }

  /** Lets a held load go on; returns how long it was held (0 if it never reached the hold). */
  Duration release() {
    holdFrom = Integer.MAX_VALUE;
    long since = heldSince.getAndSet(0);
    return since == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
  }

  /** No new webhook is started; those under way are still sent until acknowledged. */
  void stop() {
    stopping = true;
  }

  /** Waits for the senders; past the time, a webhook under way is given up (and counted as not acknowledged). */
  void await(Duration within) throws InterruptedException {
    deadlineNanos = System.nanoTime() + within.toNanos();
    for (Thread t : senders) {
      t.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
    }
    stopping = true;
    for (Thread t : senders) {
      t.join(5_000);
    }
  }

  private void sendUntilDone(int preferred) {
    long avoidUntil = 0;
    for (int i = next.getAndIncrement(); i < webhooks.size() && !stopping; i = next.getAndIncrement()) {
      while (i >= holdFrom && !stopping) {
        heldSince.compareAndSet(0, System.nanoTime());
        sleep(Duration.ofMillis(10));
      }
      awaitSlot();
      started.increment();
      Webhook w = webhooks.get(i);
      Duration pause = FIRST_PAUSE;
      int target = System.nanoTime() < avoidUntil ? (preferred + 1) % baseUrls.size() : preferred;
      while (!send(w, baseUrls.get(target)) && System.nanoTime() < deadlineNanos) {
        if (target == preferred) {
          avoidUntil = System.nanoTime() + AVOID_FOR.toNanos();
        }
        sleep(pause);
        pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        target = System.nanoTime() < avoidUntil ? (preferred + 1) % baseUrls.size() : preferred;
      }
    }
  }

  private void awaitSlot() {
    if (intervalNanos > 0) {
      long wait = nextSlot.getAndAdd(intervalNanos) - System.nanoTime();
      if (wait > 0) {
        sleep(Duration.ofNanos(wait));
      }
    }
  }

  private boolean send(Webhook w, String baseUrl) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + w.path())).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(w.body()));
    w.headers().forEach(b::header);
    Answer answer;
    long sent = System.nanoTime();
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      answer = new Answer(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null), sent,
          System.nanoTime());
    } catch (HttpTimeoutException e) {
      answer = new Answer(-1, "timeout", null, sent, System.nanoTime());
    } catch (IOException e) {
      answer = new Answer(-1, "connection: " + e.getClass().getSimpleName(), null, sent, System.nanoTime());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
    requests.increment();
    answers.computeIfAbsent(answer.status() < 0 ? answer.body() : Integer.toString(answer.status()),
        k -> new LongAdder()).increment();
    observer.answered(w, answer);
    if (answer.acknowledged() && acknowledged.compareAndSet(w.index(), 0, 1)) {
      acknowledgedCount.increment();
    }
    return answer.acknowledged();
  }

  long requests() {
    return requests.sum();
  }

  /** Webhooks taken up by a sender (all of them, unless the load was stopped). */
  long startedCount() {
    return started.sum();
  }

  long acknowledgedCount() {
    return acknowledgedCount.sum();
  }

  boolean isAcknowledged(Webhook w) {
    return acknowledged.get(w.index()) == 1;
  }

  /** The webhooks answered 2xx (a stopped load leaves the rest unsent). */
  List<Webhook> acknowledgedWebhooks() {
    return webhooks.stream().filter(this::isAcknowledged).toList();
  }

  /** Answers by HTTP status, or by the kind of I/O failure. */
  Map<String, Long> answersByKind() {
    Map<String, Long> sorted = new TreeMap<>();
    answers.forEach((k, v) -> sorted.put(k, v.sum()));
    return sorted;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
