package no.examhub.platform.kafka;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/** Answers whether the broker answers, asking it at most once every two seconds. */
public final class BrokerProbe {
  private static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final Admin admin;
  private volatile long checkedAt = System.nanoTime() - CACHE_NANOS;
  private volatile boolean reachable;

  public BrokerProbe(Admin admin) {
    this.admin = admin;
  }

  public boolean reachable() {
    long now = System.nanoTime();
    if (now - checkedAt >= CACHE_NANOS) {
      reachable = ask();
      checkedAt = System.nanoTime();
    }
    return reachable;
  }

  private boolean ask() {
    try {
      return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
  }
}
