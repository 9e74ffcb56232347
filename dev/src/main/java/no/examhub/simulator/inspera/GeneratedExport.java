package no.examhub.simulator.inspera;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A test-events export file (seed 000's data model) generated while it is read, one candidate at
 * a time, so the simulator can serve (and a test can parse) hundreds of megabytes that are never
 * in memory. Every {@code flagEvery}-th event is flagged with severity HIGH; every other flag is LOW.
 */
public final class GeneratedExport extends InputStream {
  /** The shape of a file: how many candidates, events each, and how often an event is flagged HIGH. */
  public record Spec(int candidates, int eventsPerCandidate, int flagEvery) {
    public long events() {
      return (long) candidates * eventsPerCandidate;
    }

    /** Events flagged HIGH: those whose running number (from 1) is a multiple of {@code flagEvery}. */
    public long highlyFlagged() {
      return flagEvery <= 0 ? 0 : events() / flagEvery;
    }
  }

  private static final Instant START = Instant.parse("2026-11-20T09:00:00Z");
  private final Spec spec;
  private final String testId;
  private int nextCandidate;
  private long eventNumber;
  private byte[] chunk = new byte[0];
  private int position;
  private boolean finished;

  public GeneratedExport(String testId, Spec spec) {
    this.testId = testId;
    this.spec = spec;
    this.chunk = ("{\"created\":\"" + START.plusSeconds(86_400) + "\",\"candidates\":[").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public int read() {
    if (!fill()) {
      return -1;
    }
    return chunk[position++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, chunk.length - position);
    System.arraycopy(chunk, position, b, off, n);
    position += n;
    return n;
  }

  private boolean fill() {
    while (position >= chunk.length) {
      if (finished) {
        return false;
      }
      position = 0;
      if (nextCandidate < spec.candidates()) {
        chunk = candidate(nextCandidate++).getBytes(StandardCharsets.UTF_8);
      } else {
        chunk = "]}".getBytes(StandardCharsets.UTF_8);
        finished = true;
      }
    }
    return true;
  }

  private String candidate(int index) {
    StringBuilder s = new StringBuilder(index == 0 ? "" : ",")
        .append("{\"userId\":").append(7_000_000 + index)
        .append(",\"candidateId\":\"").append(1000 + index).append("\",\"events\":[");
    for (int e = 0; e < spec.eventsPerCandidate(); e++) {
      s.append(e == 0 ? "" : ",").append(event(++eventNumber));
    }
    return s.append("]}").toString();
  }

  private String event(long n) {
    boolean high = spec.flagEvery() > 0 && n % spec.flagEvery() == 0;
    boolean low = !high && n % 7 == 0;
    String flagging = high || low
        ? "{\"flagType\":\"SUSPICIOUS_ACTIVITY\",\"flagSubTypes\":[\"NETWORK\"],\"comment\":\"generated\","
            + "\"severityLevel\":\"" + (high ? "HIGH" : "LOW") + "\"}"
        : "null";
    return "{\"eventId\":\"" + testId + "-" + n + "\",\"event\":\"" + (n % 3 == 0 ? "NETWORK_DISCONNECTED" : "SEB_LOGIN")
        + "\",\"timeStamp\":\"" + START.plusSeconds(n) + "\",\"extraInfo\":{\"type\":\"ip\",\"value\":\"10.0.0."
        + (n % 250) + "\"},\"flaggingInfo\":" + flagging + ",\"attachedFiles\":[],\"userId\":" + (9_000 + n % 5) + "}";
  }
}
