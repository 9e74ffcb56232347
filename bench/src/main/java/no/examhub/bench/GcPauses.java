package no.examhub.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The bench JVM's garbage-collection pauses during one measurement, from the collectors' own
 * notifications: a request that arrives during a pause waits for all of it, so at a few thousand
 * requests a second the longest pause shows in the p99. Concurrent cycles (no pause) are left out.
 */
final class GcPauses implements NotificationListener, AutoCloseable {
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private int count;
  private long totalMillis;
  private long longestMillis;

  GcPauses() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(this, null, null);
        emitters.add(emitter);
      }
    }
  }

  @Override
  public synchronized void handleNotification(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    if (info.getGcName().contains("Concurrent") || info.getGcCause().contains("Concurrent")) {
      return;
    }
    add(info.getGcInfo().getDuration());
  }

  synchronized void add(long millis) {
    count++;
    totalMillis += millis;
    longestMillis = Math.max(longestMillis, millis);
  }

  /** What was counted since the last reset, and a fresh count from now on. */
  synchronized String takeSummary() {
    String s = String.format(Locale.ROOT, "GC pauses %d, %d ms in all, longest %d ms", count, totalMillis,
        longestMillis);
    count = 0;
    totalMillis = 0;
    longestMillis = 0;
    return s;
  }

  @Override
  public void close() {
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(this);
      } catch (ListenerNotFoundException ignored) {
        // never added: nothing to remove
      }
    }
  }
}
