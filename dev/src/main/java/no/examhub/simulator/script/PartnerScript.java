package no.examhub.simulator.script;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What tests and the demo can make a simulated partner do: fail the next calls with a status
 * (with {@code Retry-After} on 429 and 503), answer slowly, and record every call it got, so a test
 * can assert exactly which calls a partner received. Like a well-behaved partner it honours
 * {@code Idempotency-Key}: a repeated key is answered again but applied once.
 */
public final class PartnerScript {
  /**
   * One call the partner received.
   *
   * @param failedWith the status of a scripted failure it was answered with, 0 when it was served
   */
  public record Call(String method, String path, String idempotencyKey, boolean applied, int failedWith) {}

  private final List<Call> calls = new ArrayList<>();
  private final Set<String> appliedKeys = ConcurrentHashMap.newKeySet();
  private final AtomicInteger answering = new AtomicInteger();
  private final Map<String, AtomicInteger> answeringByHost = new ConcurrentHashMap<>();
  private int failuresLeft;
  private int failureStatus;
  private String failurePath;
  private long delayMillis;

  public synchronized void failNext(int count, int status) {
    failNext(count, status, null);
  }

  /**
   * Fails the next calls whose path contains {@code pathPart} only, so a test's scripted outage
   * is not used up by other traffic (the demo's own commands) reaching the same simulator.
   */
  public synchronized void failNext(int count, int status, String pathPart) {
    failuresLeft = count;
    failureStatus = status;
    failurePath = pathPart;
  }

  /**
   * Makes every call take this long, counted after the call is recorded (and, for a new key,
   * applied): a caller that dies while it waits for the answer leaves the effect applied, the
   * window in which only the Idempotency-Key keeps its repeat from applying it twice.
   */
  public synchronized void delay(long millis) {
    delayMillis = millis;
  }

  /**
   * Calls recorded (a new key's effect applied) that are still waiting out the scripted delay:
   * a caller killed now has had its call applied without seeing the answer.
   */
  public int answering() {
    return answering.get();
  }

  /**
   * As {@link #answering()}, of the calls addressed to {@code host} (their {@code Host} header,
   * e.g. {@code localhost:8080}): with each caller given its own name of this host, which caller's.
   */
  public int answering(String host) {
    AtomicInteger n = answeringByHost.get(host);
    return n == null ? 0 : n.get();
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public synchronized void reset() {
    calls.clear();
    failuresLeft = 0;
    delayMillis = 0;
  }

  /**
   * Called first by every simulated endpoint: records the call, then applies the scripted delay
   * and failure. Returns true when the endpoint should apply the call's effect (its key is new).
   */
  public boolean enter(Context ctx) {
    long delay;
    int failWith = 0;
    String key = ctx.header("Idempotency-Key");
    synchronized (this) {
      delay = delayMillis;
      if (failuresLeft > 0 && (failurePath == null || ctx.path().contains(failurePath))) {
        failuresLeft--;
        failWith = failureStatus;
      }
    }
    if (failWith != 0) {
      record(ctx, key, false, failWith);
      answerAfter(ctx, delay);
      if (failWith == 429 || failWith == 503) {
        ctx.header("Retry-After", "1");
      }
      throw new io.javalin.http.HttpResponseException(failWith, "scripted failure");
    }
    boolean fresh = key == null || appliedKeys.add(ctx.method() + " " + ctx.path() + " " + key);
    record(ctx, key, fresh, 0);
    answerAfter(ctx, delay);
    return fresh;
  }

  private synchronized void record(Context ctx, String key, boolean applied, int failedWith) {
    calls.add(new Call(ctx.method().name(), ctx.path(), key, applied, failedWith));
  }

  private void answerAfter(Context ctx, long millis) {
    AtomicInteger byHost = answeringByHost.computeIfAbsent(String.valueOf(ctx.header("Host")), h -> new AtomicInteger());
    answering.incrementAndGet();
    byHost.incrementAndGet();
    try {
      sleep(millis);
    } finally {
      byHost.decrementAndGet();
      answering.decrementAndGet();
    }
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
