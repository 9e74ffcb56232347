package no.examhub.simulator.proview;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.simulator.script.PartnerScript;

/**
 * Talview Proview as seed 002 describes it, under {@code /proview}: {@code POST /v1/user/login}
 * with a Talview account's username and password, and {@code GET /v1/sessions/{uuid}} with
 * {@code Authorization: Bearer} and the account's white-listed {@code app-id}.
 *
 * <p>Several Talview accounts, each owning its sessions. A session fetched with another account's
 * token is answered {@code 404}, as an API scoped to its account answers a resource outside it
 * (an assumption: seed 002 documents no error answers; Examhub reads only the status). The demo
 * account (the no-argument constructor's) owns every session no other account was given, so the
 * demo and load tests can send any uuid and get the seed's sample session; every other account
 * sees only its own ({@link #addSession}).
 */
public final class ProviewSimulator implements HttpRoutes {
  /** The demo institution's Talview account; {@code DemoData} seeds it as the demo's Proview credentials. */
  public static final String USERNAME = "test-admin@demo.examhub.local";
  public static final String PASSWORD = "demo-proview-password";
  public static final String APP_ID = "demo-app-id";

  private record Account(String password, String appId) {}

  private record Session(String owner, String externalId, String finalRating) {}

  private final PartnerScript script = new PartnerScript();
  private final Map<String, Account> accounts = new ConcurrentHashMap<>();
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  /** With the demo account. */
  public ProviewSimulator() {
    addAccount(USERNAME, PASSWORD, APP_ID);
  }

  /** Another Talview account, with the app-id Talview white-listed for it. */
  public void addAccount(String username, String password, String appId) {
    accounts.put(username, new Account(password, appId));
  }

  /** A terminated session of one account. */
  public void addSession(String account, String uuid, String externalId, String finalRating) {
    sessions.put(uuid.toLowerCase(java.util.Locale.ROOT), new Session(account, externalId, finalRating));
  }

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
    Object username = body.get("username");
    Account account = username instanceof String u ? accounts.get(u) : null;
    Object password = body.get("password");
    if (account == null || !(password instanceof String p) || !Hmac.equal(account.password(), p)) {
      throw new ApiException(ErrorCode.INVALID_CREDENTIALS, "wrong username or password");
    }
    String token = UUID.randomUUID().toString();
    tokens.put(token, (String) username);
    ctx.json(Map.of("access_token", token, "refresh_token", UUID.randomUUID().toString(),
        "grant_type", "Bearer", "expires_in", 10800));
  }

  private void session(Context ctx) {
    script.enter(ctx);
    String auth = ctx.header("Authorization");
    String username = auth == null || !auth.startsWith("Bearer ") ? null : tokens.get(auth.substring(7));
    if (username == null) {
      throw new ApiException(ErrorCode.INVALID_CREDENTIALS, "invalid or expired token");
    }
    if (!accounts.get(username).appId().equals(ctx.header("app-id"))) {
      throw new ApiException(ErrorCode.FORBIDDEN, "app-id not white-listed");
    }
    String uuid = ctx.pathParam("uuid");
    Session session = sessions.get(uuid.toLowerCase(java.util.Locale.ROOT));
    if (session == null && USERNAME.equals(username)) {
      session = new Session(USERNAME, "5506693", "high");
    }
    if (session == null || !session.owner().equals(username)) {
      throw new ApiException(ErrorCode.NOT_FOUND, "session not found");
    }
    ctx.json(sample(uuid, session));
  }

  /** Seed 002's sample session, with this session's ids and rating. */
  private static Map<String, Object> sample(String uuid, Session s) {
    Map<String, Object> session = new LinkedHashMap<>();
    session.put("id", 188);
    session.put("uuid", uuid);
    session.put("title", "Test assessment");
    session.put("external_id", s.externalId());
    session.put("type", "ai_proctor");
    session.put("final_rating", s.finalRating());
    session.put("status", "completed");
    session.put("video_stream_url", null);
    session.put("attendee_id", 4042);
    session.put("proctor_event_id", null);
    session.put("session_started_at", "2022-05-05T11:38:26.231Z");
    session.put("system_info", Map.of("ip", "43.224.156.196", "browser", "Chrome", "os", "Linux"));
    return session;
  }
}
