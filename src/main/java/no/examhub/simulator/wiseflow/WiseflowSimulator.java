package no.examhub.simulator.wiseflow;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import no.examhub.ingress.Hmac;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.simulator.PartnerScript;

/**
 * WISEflow's API as seed 003 uses it, under {@code /wiseflow}, authenticated by {@code x-api-key}:
 * flows by SIS code, a flow's participants, reassessment flows, and explanation requests that
 * become answered on a configurable poll. Timestamps are unix seconds, as WISEflow sends them.
 * Repeated {@code Idempotency-Key}s get the first answer again.
 */
public final class WiseflowSimulator implements HttpRoutes {
  /** The demo institution's API key; {@code DemoData} seeds it as the demo's WISEflow credentials. */
  public static final String API_KEY = "demo-wiseflow-api-key";

  private final PartnerScript script = new PartnerScript();
  private final WiseflowFlows flows = WiseflowFlows.demo();
  private final WiseflowExplanations explanations = new WiseflowExplanations();
  private final Map<Long, Long> reassessments = new ConcurrentHashMap<>();
  private final AtomicLong nextReassessmentFlowId = new AtomicLong(547);

  public PartnerScript script() {
    return script;
  }

  public WiseflowExplanations explanations() {
    return explanations;
  }

  /** The reassessment flow created for a flow, if any. */
  public Long reassessmentOf(long flowId) {
    return reassessments.get(flowId);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/wiseflow/license/sis/flows/{sisCode}", this::flowsBySisCode);
    routes.get("/wiseflow/flow/{flowId}", this::flow);
    routes.get("/wiseflow/flow/{flowId}/participants", this::participants);
    routes.post("/wiseflow/flow/{flowId}/reassessment", this::reassessment);
    routes.post("/wiseflow/flow/{flowId}/explanation/request", ctx -> explanations.request(ctx, enter(ctx), flows));
    routes.get("/wiseflow/flow/{flowId}/explanation/request/{id}", ctx -> explanations.read(ctx, enter(ctx)));
    routes.patch("/wiseflow/flow/{flowId}/explanation/request/{id}", ctx -> explanations.show(ctx, enter(ctx)));
  }

  /** Script first (failures, latency, recording), then the API key, as WISEflow would check it. */
  private boolean enter(Context ctx) {
    boolean fresh = script.enter(ctx);
    String key = ctx.header("x-api-key");
    if (key == null || key.isBlank()) {
      throw new ApiException(ErrorCode.MISSING_CREDENTIALS, "x-api-key is missing.");
    }
    if (!Hmac.equal(API_KEY, key)) {
      throw new ApiException(ErrorCode.INVALID_CREDENTIALS, "x-api-key is not valid.");
    }
    return fresh;
  }

  private void flowsBySisCode(Context ctx) {
    enter(ctx);
    ctx.json(flows.bySisCode(ctx.pathParam("sisCode")).stream().map(WiseflowFlows.Flow::asListed).toList());
  }

  private void flow(Context ctx) {
    enter(ctx);
    ctx.json(flows.flow(flowId(ctx)).asDetails());
  }

  private void participants(Context ctx) {
    enter(ctx);
    ctx.json(flows.flow(flowId(ctx)).participants().stream().map(WiseflowFlows.Participant::asListed).toList());
  }

  /** One reassessment flow per flow: asking again answers the existing one, not queued again. */
  private void reassessment(Context ctx) {
    enter(ctx);
    long flowId = flows.flow(flowId(ctx)).flowId();
    long id = reassessments.computeIfAbsent(flowId, f -> nextReassessmentFlowId.getAndIncrement());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("reassessmentFlowId", id);
    answer.put("queuedForSynchronization", false);
    ctx.json(answer);
  }

  static long flowId(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("flowId"));
    } catch (NumberFormatException e) {
      throw new ApiException(ErrorCode.NOT_FOUND, "No such flow.");
    }
  }
}
