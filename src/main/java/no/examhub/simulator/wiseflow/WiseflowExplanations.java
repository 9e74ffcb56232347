package no.examhub.simulator.wiseflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.json.Json;

/**
 * WISEflow's explanation requests (karakterbegrunnelser): created for a participant, answered by
 * the assessor on the {@link #answerOnPoll}-th read (as if the assessor wrote it meanwhile), made
 * visible to the participant by a PATCH of {@code showJustification}.
 */
public final class WiseflowExplanations {
  /** One request; {@code polls} counts the reads that were not repeats of an idempotency key. */
  public static final class Request {
    final long id;
    final long flowId;
    final long participantId;
    final long requestDate;
    final long dueDate;
    final AtomicInteger polls = new AtomicInteger();
    volatile boolean shown;

    Request(long id, long flowId, long participantId, long requestDate, long dueDate) {
      this.id = id;
      this.flowId = flowId;
      this.participantId = participantId;
      this.requestDate = requestDate;
      this.dueDate = dueDate;
    }

    public boolean shown() {
      return shown;
    }

    public long participantId() {
      return participantId;
    }

    public long dueDate() {
      return dueDate;
    }
  }

  private final Map<Long, Request> requests = new ConcurrentHashMap<>();
  private final Map<String, Long> byIdempotencyKey = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong(3301);
  private volatile int answerOnPoll = 2;

  /** The read on which a request is first seen answered: 1 answers at once. */
  public void answerOnPoll(int poll) {
    answerOnPoll = poll;
  }

  public Request get(long id) {
    return requests.get(id);
  }

  void request(Context ctx, boolean fresh, WiseflowFlows flows) {
    WiseflowFlows.Flow flow = flows.flow(WiseflowSimulator.flowId(ctx));
    JsonNode body = body(ctx);
    long participantId = body.path("participantId").asLong(0);
    if (flow.participant(participantId).isEmpty()) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "participantId is missing or not on this flow.");
    }
    if (!body.path("dueDate").canConvertToLong()) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "dueDate (unix seconds) is missing.");
    }
    String key = ctx.header("Idempotency-Key");
    Long earlier = fresh || key == null ? null : byIdempotencyKey.get(key);
    long id = earlier != null ? earlier : create(flow.flowId(), participantId, body.path("dueDate").asLong(), key);
    ctx.status(201).json(Map.of("explanationRequestId", id));
  }

  private long create(long flowId, long participantId, long dueDate, String key) {
    long id = nextId.getAndIncrement();
    requests.put(id, new Request(id, flowId, participantId, Instant.now().getEpochSecond(), dueDate));
    if (key != null) {
      byIdempotencyKey.put(key, id);
    }
    return id;
  }

  void read(Context ctx, boolean fresh) {
    Request r = find(ctx);
    if (fresh) {
      r.polls.incrementAndGet();
    }
    ctx.json(asWiseflowSendsIt(r));
  }

  void show(Context ctx, boolean fresh) {
    Request r = find(ctx);
    JsonNode show = body(ctx).get("showJustification");
    if (show == null || !show.isBoolean()) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "showJustification (boolean) is missing.");
    }
    if (fresh) {
      r.shown = show.asBoolean();
    }
    ctx.json(asWiseflowSendsIt(r));
  }

  private Request find(Context ctx) {
    long flowId = WiseflowSimulator.flowId(ctx);
    Request r;
    try {
      r = requests.get(Long.parseLong(ctx.pathParam("id")));
    } catch (NumberFormatException e) {
      r = null;
    }
    if (r == null || r.flowId != flowId) {
      throw new ApiException(ErrorCode.NOT_FOUND, "No such explanation request on this flow.");
    }
    return r;
  }

  private Map<String, Object> asWiseflowSendsIt(Request r) {
    boolean answered = r.polls.get() >= answerOnPoll;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("explanationRequestId", r.id);
    out.put("flowId", r.flowId);
    out.put("requestDate", r.requestDate);
    out.put("assignDate", r.requestDate + 60);
    out.put("acceptDate", r.requestDate + 120);
    out.put("dueDate", r.dueDate);
    out.put("participant", Map.of("id", r.participantId));
    out.put("assignedAssessor", Map.of("id", 31));
    out.put("showJustification", r.shown);
    out.put("justification", answered ? justification(r) : null);
    return out;
  }

  private static Map<String, Object> justification(Request r) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("fileName", "begrunnelse-" + r.id + ".pdf");
    j.put("fileUrl", "https://europe.wiseflow.net/files/explanations/" + r.id + ".pdf");
    j.put("mimeType", "application/pdf");
    j.put("givenDate", r.requestDate + 3600);
    return j;
  }

  private static JsonNode body(Context ctx) {
    try {
      JsonNode body = Json.MAPPER.readTree(ctx.bodyAsBytes());
      if (body == null || !body.isObject()) {
        throw new ApiException(ErrorCode.MALFORMED_REQUEST, "Body is not a JSON object.");
      }
      return body;
    } catch (IOException e) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "Body is not a JSON object.");
    }
  }
}
