package no.examhub.simulator.proview;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.simulator.PartnerScript;

/**
 * Talview Proview as seed 002 describes it, under {@code /proview}: {@code POST /v1/user/login}
 * with the test-admin account, and {@code GET /v1/sessions/{uuid}} with {@code Authorization:
 * Bearer} and {@code app-id}, answering the seed's sample session for any uuid.
 */
public final class ProviewSimulator implements HttpRoutes {
  public static final String USERNAME = "test-admin@demo.examhub.local";
  public static final String PASSWORD = "demo-proview-password";
  public static final String APP_ID = "demo-app-id";

  private final PartnerScript script = new PartnerScript();
  private final Map<String, Boolean> tokens = new ConcurrentHashMap<>();

  public PartnerScript script() {
    return script;
  }

  /** Makes every token issued so far invalid, as an expiry would: the next call gets 401. */
  public void expireTokens() {
    tokens.clear();
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/proview/v1/user/login", this::login);
    routes.get("/proview/v1/sessions/{uuid}", this::session);
  }

  private void login(Context ctx) {
    script.enter(ctx);
    var body = ctx.bodyAsClass(Map.class);
    if (!USERNAME.equals(body.get("username")) || !PASSWORD.equals(body.get("password"))) {
      throw new ApiException(ErrorCode.INVALID_CREDENTIALS, "wrong username or password");
    }
    String token = UUID.randomUUID().toString();
    tokens.put(token, true);
    ctx.json(Map.of("access_token", token, "refresh_token", UUID.randomUUID().toString(),
        "grant_type", "Bearer", "expires_in", 10800));
  }

  private void session(Context ctx) {
    script.enter(ctx);
    String auth = ctx.header("Authorization");
    if (auth == null || !auth.startsWith("Bearer ") || !tokens.containsKey(auth.substring(7))) {
      throw new ApiException(ErrorCode.INVALID_CREDENTIALS, "invalid or expired token");
    }
    if (!APP_ID.equals(ctx.header("app-id"))) {
      throw new ApiException(ErrorCode.FORBIDDEN, "app-id not white-listed");
    }
    Map<String, Object> session = new LinkedHashMap<>();
    session.put("id", 188);
    session.put("uuid", ctx.pathParam("uuid"));
    session.put("title", "Test assessment");
    session.put("external_id", "5506693");
    session.put("type", "ai_proctor");
    session.put("final_rating", "high");
    session.put("status", "completed");
    session.put("video_stream_url", null);
    session.put("attendee_id", 4042);
    session.put("proctor_event_id", null);
    session.put("session_started_at", "2022-05-05T11:38:26.231Z");
    session.put("system_info", Map.of("ip", "43.224.156.196", "browser", "Chrome", "os", "Linux"));
    ctx.json(session);
  }
}
