package no.examhub.simulator.wiseflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WISEflow's explanation requests (grade justifications, OpenAPI 1.34.0): one per participant and
 * flow (asking again answers the existing one with 200), accepted on the {@link #answerOnPoll}-th
 * read (as if the assessor wrote it and a manager accepted it meanwhile: state 1 assigned, then
 * 3 accepted), made visible to the participant by a PATCH of {@code showJustification}.
 */
public final class WiseflowExplanations {
  /** One request; {@code polls} counts the reads that were not repeats of an idempotency key. */
  public static final class Request {
    final long id;
    final WiseflowFlows.Flow flow;
    final WiseflowFlows.Participant participant;
    final long requestDate;
    final Long dueDate;
    final AtomicInteger polls = new AtomicInteger();
    volatile boolean shown;

    Request(long id, WiseflowFlows.Flow flow, WiseflowFlows.Participant participant, long requestDate, Long dueDate,
        boolean shown) {
      this.id = id;
      this.flow = flow;
      this.participant = participant;
      this.requestDate = requestDate;
      this.dueDate = dueDate;
      this.shown = shown;
    }

    public boolean shown() {
      return shown;
    }

    public long participantId() {
      return participant.participantId();
    }

    public Long dueDate() {
      return dueDate;
    }
  }

  private final Map<Long, Request> requests = new ConcurrentHashMap<>();
  private final Map<String, Long> byParticipant = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong(3301);
  private volatile int answerOnPoll = 2;

  /** The read on which a request is first seen accepted (state 3): 1 answers at once. */
  public void answerOnPoll(int poll) {
    answerOnPoll = poll;
  }

  public Request get(long id) {
    return requests.get(id);
  }

  /** {@code POST /flow/{flowId}/explanation/request}: participantId and showJustification are required. */
  void request(Context ctx, WiseflowFlows flows) {
    WiseflowFlows.Flow flow = flows.flow(WiseflowSimulator.flowId(ctx));
    JsonNode body = WiseflowSimulator.body(ctx);
    if (!body.path("participantId").isIntegralNumber()) {
      throw WiseflowError.badRequest("participantId (integer) is required");
    }
    if (!body.path("showJustification").isBoolean()) {
      throw WiseflowError.badRequest("showJustification (boolean) is required");
    }
    if (body.has("dueDate") && !body.get("dueDate").isIntegralNumber()) {
      throw WiseflowError.badRequest("dueDate must be an integer (unix seconds)");
    }
    WiseflowFlows.Participant participant = flow.participant(body.path("participantId").asLong())
        .orElseThrow(() -> WiseflowError.notFound("No participant with given id exists on the flow"));
    String key = flow.flowId() + "/" + participant.participantId();
    boolean[] created = {false};
    long id = byParticipant.computeIfAbsent(key, k -> {
      created[0] = true;
      long next = nextId.getAndIncrement();
      requests.put(next, new Request(next, flow, participant, Instant.now().getEpochSecond(),
          body.has("dueDate") ? body.get("dueDate").asLong() : null, body.path("showJustification").asBoolean()));
      return next;
    });
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("explanationRequestId", id);
    answer.put("showJustification", requests.get(id).shown);
    ctx.status(created[0] ? 201 : 200).json(answer);
  }

  void read(Context ctx, boolean fresh) {
    Request r = find(ctx);
    if (fresh) {
      r.polls.incrementAndGet();
    }
    ctx.json(asExplanationBasic(r));
  }

  /** {@code PATCH}: answers update-participant-explanation-response. */
  void show(Context ctx) {
    Request r = find(ctx);
    JsonNode show = WiseflowSimulator.body(ctx).get("showJustification");
    if (show == null || !show.isBoolean()) {
      throw WiseflowError.badRequest("showJustification (boolean) is required");
    }
    r.shown = show.asBoolean();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("success", true);
    answer.put("data", List.of(Map.of("explanationRequestId", r.id, "showJustification", r.shown)));
    ctx.json(answer);
  }

  private Request find(Context ctx) {
    long flowId = WiseflowSimulator.flowId(ctx);
    Request r;
    try {
      r = requests.get(Long.parseLong(ctx.pathParam("id")));
    } catch (NumberFormatException e) {
      throw WiseflowError.badRequest("explanationRequestId must be an integer");
    }
    if (r == null || r.flow.flowId() != flowId) {
      throw WiseflowError.notFound("No flow or explanation request with given id exists on license");
    }
    return r;
  }

  /** explanation-basic: the integer {@code state} says how far it is; there is no justification document. */
  private Map<String, Object> asExplanationBasic(Request r) {
    boolean accepted = r.polls.get() >= answerOnPoll;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("explanationId", r.id);
    out.put("flowId", r.flow.flowId());
    out.put("title", r.flow.title());
    out.put("subtitle", "");
    out.put("requestDate", r.requestDate);
    out.put("assignDate", r.requestDate + 60);
    if (accepted) {
      out.put("acceptDate", r.requestDate + 3600);
    }
    if (r.dueDate != null) {
      out.put("dueDate", r.dueDate);
    }
    out.put("state", accepted ? 3 : 1);
    out.put("showJustification", r.shown);
    out.put("participant", Map.of("participantId", r.participant.participantId(), "user", r.participant.user()));
    out.put("assignedAssessor", Map.of("assessorId", 31, "user",
        Map.of("id", 31, "firstName", "Demo", "lastName", "Assessor", "phone", "")));
    return out;
  }
}
