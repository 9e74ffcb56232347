package no.examhub.simulator.fs;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import no.examhub.event.ExamSystem;
import no.examhub.simulator.script.PartnerScript;

/**
 * One FS server (FSWS "digitaleksamen") as the poller reads it, under {@code /fs/{environment}}
 * ({@code /fs/test} for {@code https://fs-test.uio.no}, {@code /fs/prod} for
 * {@code https://fsws.usit.no}): appeals and explanation requests changed since {@code siden}, the
 * per-exam reads, and the POSTs that register an explanation or an appeal decision. Each server has
 * its own records and its own FSWS users ({@link FsUsers}); every call, reads included, needs one
 * of them (HTTP Basic), and a user sees only its own institution's records. Tests script it: put
 * records, fail the next requests with 503, and read back every request (path and {@code siden}) to
 * assert exactly which windows were asked for.
 */
public final class FsSimulator {
  /** A request as FS received it; {@code status} 503 when it was made to fail, 401 when refused. */
  public record Request(String path, String siden, int status) {}

  private record Stored(String kind, ExamSystem system, String institusjonsnr, Instant changedAt,
      Map<String, Object> fields) {
    boolean sameCase(Stored o) {
      return kind.equals(o.kind) && system == o.system && institusjonsnr.equals(o.institusjonsnr)
          && Objects.equals(fields.get("vurdId"), o.fields.get("vurdId"))
          && Objects.equals(fields.get("kandidatnr"), o.fields.get("kandidatnr"));
    }
  }

  public static final String TEST = "test";
  public static final String PROD = "prod";
  /** The demo institution's FSWS user on the test server; {@code DemoData} seeds it as the demo's FS credentials. */
  public static final String USERNAME = "demo-fsws";
  public static final String PASSWORD = "demo-fsws-password";
  /** The demo institution's user on the production server: another user, as FS orders them per server. */
  public static final String PROD_USERNAME = "demo-fsws-prod";
  public static final String PROD_PASSWORD = "demo-fsws-prod-password";

  private static final String KLAGE = "klage";
  private static final String BEGRUNNELSE = "begrunnelse";

  private final String environment;
  private final FsUsers users = new FsUsers();
  private final List<Stored> records = new ArrayList<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final FsRegistrations registrations = new FsRegistrations();
  private final AtomicInteger failures = new AtomicInteger();

  /** An empty server of this environment ({@code test} or {@code prod}), with no users. */
  public FsSimulator(String environment) {
    if (!environment.matches("[a-z]+")) {
      throw new IllegalArgumentException("an FS environment is a lower-case word");
    }
    this.environment = environment;
  }

  /**
   * The test server with the demo institution's (9999) user and its cases for both exam systems,
   * changed {@code changedAt}.
   */
  public static FsSimulator demo(Instant changedAt) {
    FsSimulator fs = new FsSimulator(TEST);
    fs.addUser(USERNAME, PASSWORD, FsDemoCases.INSTITUSJONSNR);
    FsDemoCases.addTo(fs, changedAt);
    return fs;
  }

  /** The production server: the demo institution has its own user there, and no cases. */
  public static FsSimulator demoProduction() {
    FsSimulator fs = new FsSimulator(PROD);
    fs.addUser(PROD_USERNAME, PROD_PASSWORD, FsDemoCases.INSTITUSJONSNR);
    return fs;
  }

  public String environment() {
    return environment;
  }

  /** An FSWS user of this server, ordered for one institution. */
  public void addUser(String username, String password, String institusjonsnr) {
    users.add(username, password, institusjonsnr);
  }

  public void register(RoutesConfig routes) {
    String base = "/fs/" + environment + "/eksamen";
    routes.get(base + "/klager/{examSystem}", ctx -> changedSince(ctx, KLAGE));
    routes.get(base + "/begrunnelse/{examSystem}", ctx -> changedSince(ctx, BEGRUNNELSE));
    routes.get(base + "/klager/{examSystem}/{examId}", ctx -> perExam(ctx, KLAGE));
    routes.get(base + "/begrunnelser/{examSystem}/{examId}", ctx -> perExam(ctx, BEGRUNNELSE));
    routes.post(base + "/begrunnelser/{examSystem}", this::registerExplanation);
    routes.post(base + "/klager/{examSystem}/vedtak", this::registerAppealDecision);
  }

  /** Adds an appeal (klage) or replaces the one of the same exam and candidate. */
  public void putAppeal(ExamSystem system, String institusjonsnr, Instant changedAt, Map<String, Object> klage) {
    put(new Stored(KLAGE, system, institusjonsnr, changedAt, Collections.unmodifiableMap(new LinkedHashMap<>(klage))));
  }

  /** Adds an explanation request (begrunnelse) or replaces the one of the same exam and candidate. */
  public void putExplanationRequest(ExamSystem system, String institusjonsnr, Instant changedAt,
      Map<String, Object> begrunnelse) {
    put(new Stored(BEGRUNNELSE, system, institusjonsnr, changedAt, Collections.unmodifiableMap(new LinkedHashMap<>(begrunnelse))));
  }

  /** The next {@code count} requests, whatever they ask, are answered 503; 0 ends an outage. */
  public void failNext(int count) {
    failures.set(count);
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The explanations Examhub registered ({@code POST /eksamen/begrunnelser/{examSystem}}). */
  public List<Map<String, Object>> registeredExplanations() {
    return registrations.explanations();
  }

  /** The appeal decisions Examhub registered ({@code POST /eksamen/klager/{examSystem}/vedtak}). */
  public List<Map<String, Object>> registeredAppealDecisions() {
    return registrations.decisions();
  }

  /** Scripted failures and the recorded calls of the two POSTs (the reads keep {@link #requests}). */
  public PartnerScript script() {
    return registrations.script();
  }

  private synchronized void put(Stored record) {
    records.removeIf(record::sameCase);
    records.add(record);
  }

  private synchronized List<Map<String, Object>> find(Predicate<Stored> match) {
    return records.stream().filter(match).map(FsSimulator::asFsSendsIt).toList();
  }

  private void changedSince(Context ctx, String kind) {
    String siden = ctx.queryParam("siden");
    if (answeredUnavailable(ctx, siden)) {
      return;
    }
    Optional<FsUsers.User> user = authenticated(ctx, siden);
    if (user.isEmpty()) {
      return;
    }
    ExamSystem system = FsRequests.examSystem(ctx);
    String institusjonsnr = FsRequests.required(ctx.queryParam("institusjonsnr"), "institusjonsnr");
    Instant since = FsRequests.siden(siden);
    if (!institusjonsnr.equals(user.get().institusjonsnr())) {
      // Assumed: FS answers a user asking for another institution as a servlet container refuses a role.
      ctx.status(403).contentType("text/plain").result("Forbidden");
      return;
    }
    ctx.json(find(r -> r.kind.equals(kind) && r.system == system && r.institusjonsnr.equals(institusjonsnr)
        && !r.changedAt.isBefore(since)));
  }

  /** Every record of the exam that belongs to the user's institution: FS serves no other's. */
  private void perExam(Context ctx, String kind) {
    if (answeredUnavailable(ctx, null)) {
      return;
    }
    Optional<FsUsers.User> user = authenticated(ctx, null);
    if (user.isEmpty()) {
      return;
    }
    ExamSystem system = FsRequests.examSystem(ctx);
    String examId = ctx.pathParam("examId");
    String institusjonsnr = user.get().institusjonsnr();
    ctx.json(find(r -> r.kind.equals(kind) && r.system == system && examId.equals(r.fields.get("vurdId"))
        && r.institusjonsnr.equals(institusjonsnr)));
  }

  /** The user, or empty once FS's 401 is answered; the request is recorded either way. */
  private Optional<FsUsers.User> authenticated(Context ctx, String siden) {
    Optional<FsUsers.User> user = users.authenticate(ctx);
    requests.add(new Request(ctx.path(), siden, user.isPresent() ? 200 : 401));
    return user;
  }

  private void registerExplanation(Context ctx) {
    if (!answeredUnavailable(ctx, null) && authenticated(ctx, null).isPresent()) {
      registrations.explanation(ctx);
    }
  }

  private void registerAppealDecision(Context ctx) {
    if (!answeredUnavailable(ctx, null) && authenticated(ctx, null).isPresent()) {
      registrations.decision(ctx);
    }
  }

  /** A scripted outage answers 503 before anything else is looked at, as a load balancer would. */
  private boolean answeredUnavailable(Context ctx, String siden) {
    boolean fail = failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    if (fail) {
      requests.add(new Request(ctx.path(), siden, 503));
      ctx.status(503).contentType("text/plain").result("FS is unavailable (simulated)");
    }
    return fail;
  }

  private static Map<String, Object> asFsSendsIt(Stored r) {
    Map<String, Object> out = new LinkedHashMap<>(r.fields);
    out.put("changedAt", r.changedAt.truncatedTo(ChronoUnit.SECONDS).toString());
    return out;
  }
}
