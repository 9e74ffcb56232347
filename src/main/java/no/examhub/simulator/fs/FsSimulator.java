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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import no.examhub.event.ExamSystem;
import no.examhub.simulator.PartnerScript;

/**
 * FS's digital-exam API as the poller reads it, under {@code /fs}: appeals and explanation
 * requests changed since {@code siden}, the per-exam reads, and the POST that registers an
 * explanation. Tests script it: put records, fail the next requests with 503, and read back every
 * request (path and {@code siden}) to assert exactly which windows were asked for.
 */
public final class FsSimulator {
  /** A request as FS received it; {@code status} 503 when it was made to fail. */
  public record Request(String path, String siden, int status) {}

  private record Stored(String kind, ExamSystem system, String institusjonsnr, Instant changedAt,
      Map<String, Object> fields) {
    boolean sameCase(Stored o) {
      return kind.equals(o.kind) && system == o.system && institusjonsnr.equals(o.institusjonsnr)
          && Objects.equals(fields.get("vurdId"), o.fields.get("vurdId"))
          && Objects.equals(fields.get("kandidatnr"), o.fields.get("kandidatnr"));
    }
  }

  /** The demo institution's FSWS user; {@code DemoData} seeds it as the demo's FS credentials. */
  public static final String USERNAME = "demo-fsws";
  public static final String PASSWORD = "demo-fsws-password";

  private static final String KLAGE = "klage";
  private static final String BEGRUNNELSE = "begrunnelse";

  private final List<Stored> records = new ArrayList<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final FsRegistrations registrations = new FsRegistrations();
  private final AtomicInteger failures = new AtomicInteger();

  /** With the demo institution's (9999) cases for both exam systems, changed {@code changedAt}. */
  public static FsSimulator demo(Instant changedAt) {
    FsSimulator fs = new FsSimulator();
    FsDemoCases.addTo(fs, changedAt);
    return fs;
  }

  public void register(RoutesConfig routes) {
    routes.get("/fs/eksamen/klager/{examSystem}", ctx -> changedSince(ctx, KLAGE));
    routes.get("/fs/eksamen/begrunnelse/{examSystem}", ctx -> changedSince(ctx, BEGRUNNELSE));
    routes.get("/fs/eksamen/klager/{examSystem}/{examId}", ctx -> perExam(ctx, KLAGE));
    routes.get("/fs/eksamen/begrunnelser/{examSystem}/{examId}", ctx -> perExam(ctx, BEGRUNNELSE));
    routes.post("/fs/eksamen/begrunnelser/{examSystem}", this::registerExplanation);
    routes.post("/fs/eksamen/klager/{examSystem}/vedtak", this::registerAppealDecision);
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
    ExamSystem system = FsRequests.examSystem(ctx);
    String institusjonsnr = FsRequests.required(ctx.queryParam("institusjonsnr"), "institusjonsnr");
    Instant since = FsRequests.siden(siden);
    ctx.json(find(r -> r.kind.equals(kind) && r.system == system && r.institusjonsnr.equals(institusjonsnr)
        && !r.changedAt.isBefore(since)));
  }

  private void perExam(Context ctx, String kind) {
    if (answeredUnavailable(ctx, null)) {
      return;
    }
    ExamSystem system = FsRequests.examSystem(ctx);
    String examId = ctx.pathParam("examId");
    ctx.json(find(r -> r.kind.equals(kind) && r.system == system && examId.equals(r.fields.get("vurdId"))));
  }

  private void registerExplanation(Context ctx) {
    if (!answeredUnavailable(ctx, null)) {
      registrations.explanation(ctx);
    }
  }

  private void registerAppealDecision(Context ctx) {
    if (!answeredUnavailable(ctx, null)) {
      registrations.decision(ctx);
    }
  }

  private boolean answeredUnavailable(Context ctx, String siden) {
    boolean fail = failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    requests.add(new Request(ctx.path(), siden, fail ? 503 : 200));
    if (fail) {
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
