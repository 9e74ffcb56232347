package no.examhub.simulator.fs;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.json.Json;
import no.examhub.simulator.script.PartnerScript;

/**
 * What Examhub writes into the FS simulator: registered explanations and appeal decisions, behind
 * FSWS basic auth (checked by {@link FsSimulator}) and a {@link PartnerScript} (scripted failures, recorded calls, a repeated
 * {@code Idempotency-Key} answered again but recorded once).
 */
final class FsRegistrations {
  private final PartnerScript script = new PartnerScript();
  private final List<Map<String, Object>> explanations = new CopyOnWriteArrayList<>();
  private final List<Map<String, Object>> decisions = new CopyOnWriteArrayList<>();

  PartnerScript script() {
    return script;
  }

  List<Map<String, Object>> explanations() {
    return List.copyOf(explanations);
  }

  List<Map<String, Object>> decisions() {
    return List.copyOf(decisions);
  }

  /** {@code POST /eksamen/begrunnelser/{examSystem}}: FS needs at least the candidate. */
  void explanation(Context ctx) {
    boolean fresh = enter(ctx);
    Map<String, Object> body = body(ctx);
    FsRequests.required(text(body, "kandidatnr"), "kandidatnr");
    if (fresh) {
      explanations.add(body);
    }
    ctx.status(201).json(Map.of("status", "registrert"));
  }

  /** {@code POST /eksamen/klager/{examSystem}/vedtak}: Examhub's choice, see {@code FsCommandHandler}. */
  void decision(Context ctx) {
    boolean fresh = enter(ctx);
    Map<String, Object> body = body(ctx);
    for (String field : List.of("vurdId", "kandidatnr", "datoVedtak")) {
      FsRequests.required(text(body, field), field);
    }
    if (fresh) {
      decisions.add(body);
    }
    ctx.status(201).json(Map.of("status", "registrert"));
  }

  /** The caller checked FSWS's Basic auth before; the script records the call and applies its failures. */
  private boolean enter(Context ctx) {
    boolean fresh = script.enter(ctx);
    FsRequests.examSystem(ctx);
    return fresh;
  }

  private static Map<String, Object> body(Context ctx) {
    try {
      return Json.MAPPER.readValue(ctx.bodyAsBytes(), Json.MAPPER.getTypeFactory()
          .constructMapType(LinkedHashMap.class, String.class, Object.class));
    } catch (IOException e) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "Body is not a JSON object.");
    }
  }

  private static String text(Map<String, Object> body, String field) {
    Object v = body.get(field);
    return v == null ? null : v.toString();
  }
}
