package no.examhub.ops.console;

import com.mongodb.client.MongoDatabase;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import no.examhub.access.ApiClientDirectory;
import no.examhub.access.Delegations;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.institution.PartnerEndpoints;
import no.examhub.ops.cases.CaseReader;
import no.examhub.ops.deadletters.AuditTrail;
import no.examhub.ops.deadletters.DeadLetters;
import no.examhub.ops.institutions.ConnectionChecks;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.http.RequestIds;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The operator console at {@code /console}: server-rendered pages over what the operator API
 * reads and does, for an operator signed in with their operator token ({@link ConsoleAuth}) and
 * scoped to the same institutions. Pages work without JavaScript; htmx (served from its WebJar)
 * only refreshes a dead letter's attempts until a replay was carried out. A failure is a page with
 * the error's code, never a stack trace.
 */
public final class ConsoleRoutes implements HttpRoutes {
  static final String HTMX = "/META-INF/resources/webjars/htmx.org/" + HtmxVersion.VERSION + "/dist/htmx.min.js";

  private final ConsoleAuth auth;
  private final Templates templates = new Templates();
  private final CaseViews cases;
  private final DeadLetterViews deadLetters;
  private final HealthViews health;
  private final InstitutionViews institutions;

  ConsoleRoutes(ConsoleAuth auth, CaseViews cases, DeadLetterViews deadLetters, HealthViews health,
      InstitutionViews institutions) {
    this.auth = auth;
    this.cases = cases;
    this.deadLetters = deadLetters;
    this.health = health;
    this.institutions = institutions;
  }

  /** Where an institution's partners are, and how their connection is checked. */
  public record InstitutionParts(InstitutionDirectory directory, PartnerEndpoints endpoints,
      PartnerCredentialsRepository credentials, ConnectionChecks checks) {}

  /**
   * @param deadLetters the same as the operator API's, so both list and replay alike
   * @param readiness the readiness checks, by name, as {@code /health/ready} runs them
   */
  public static ConsoleRoutes of(ApiClientDirectory clients, KafkaStreams streams, CaseReader caseReader,
      Delegations delegations, MongoDatabase database, DeadLetters deadLetters, Duration appealPeriod, Duration explanationPeriod, Map<String, BooleanSupplier> readiness,
      MeterRegistry registry, InstitutionParts institutions, Clock clock) {
    AuditTrail audit = new AuditTrail(database);
    return new ConsoleRoutes(new ConsoleAuth(clients, new ConsoleSessions(database, registry), clock),
        new CaseViews(caseReader, delegations, audit, deadLetters, appealPeriod, explanationPeriod),
        new DeadLetterViews(deadLetters, audit), new HealthViews(readiness, () -> streams.state().name(), registry),
        new InstitutionViews(institutions.directory(), institutions.endpoints(), institutions.credentials(),
            institutions.checks()));
  }

  /** A signed-in page's handler. */
  @FunctionalInterface
  interface Page {
    void handle(Context ctx, ConsoleAuth.SignedIn user, Layout layout);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/console", ctx -> ctx.redirect("/console/cases"));
    routes.get("/console/login", ctx -> templates.answer(ctx, 200, "login.jte", new Pages.Login(Layout.anonymous("Sign in"), null)));
    routes.post("/console/login", this::signIn);
    routes.post("/console/logout", signedIn("", (ctx, user, layout) -> {
      auth.signOut(ctx);
      ctx.redirect("/console/login");
    }, true));
    routes.get("/console/assets/htmx.min.js", ctx -> asset(ctx, HTMX, "text/javascript"));
    routes.get("/console/assets/console.css", ctx -> asset(ctx, "/console/console.css", "text/css"));
    routes.get("/console/cases", signedIn("cases", this::caseSearch, false));
    routes.get("/console/cases/{institution}/{vurdId}/{kandidatnr}", signedIn("cases", this::oneCase, false));
    routes.get("/console/dead-letters", signedIn("dead-letters", (ctx, user, layout) -> templates.answer(ctx, 200,
        "deadletters.jte", deadLetters.list(layout, user.operator(), deadLetterFilter(ctx))), false));
    routes.get("/console/dead-letters/{id}", signedIn("dead-letters", this::oneDeadLetter, false));
    routes.post("/console/dead-letters/replay", signedIn("dead-letters", this::replay, true));
    routes.get("/console/institutions", signedIn("institutions", (ctx, user, layout) -> templates.answer(ctx, 200,
        "institutions.jte", institutions.page(layout, user.operator(), Optional.empty())), false));
    routes.post("/console/institutions/{name}/check", signedIn("institutions", this::checkConnection, true));
    routes.get("/console/health", signedIn("health", (ctx, user, layout) -> templates.answer(ctx, 200, "health.jte",
        health.page(layout, user.operator())), false));
  }

  private void signIn(Context ctx) {
    Optional<ConsoleAuth.Refusal> refused = auth.signIn(ctx, ctx.formParam("token"));
    if (refused.isEmpty()) {
      ctx.redirect("/console/cases", io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    String why = switch (refused.get()) {
      case UNKNOWN -> "That token is not an operator token we know.";
      case EXPIRED -> "That token has expired; ask for a new one (./examhub operator-token).";
      case NOT_AN_OPERATOR -> "That token has no operator (admin) scope.";
    };
    templates.answer(ctx, 401, "login.jte", new Pages.Login(Layout.anonymous("Sign in"), why));
  }

  private void caseSearch(Context ctx, ConsoleAuth.SignedIn user, Layout layout) {
    Pages.CaseQuery q = new Pages.CaseQuery(ctx.queryParam("institution"), ctx.queryParam("vurdId"),
        ctx.queryParam("kandidatnr"), ctx.queryParam("testId"), ctx.queryParam("flowId"));
    if (q.empty()) {
      templates.answer(ctx, 200, "cases.jte", new Pages.Cases(layout, q, List.of(), null));
      return;
    }
    List<Pages.CaseRow> rows = cases.search(user.operator(), q, RequestIds.of(ctx));
    templates.answer(ctx, 200, "cases.jte", new Pages.Cases(layout, q, rows,
        rows.isEmpty() ? "No case matches." : rows.size() + " case" + (rows.size() == 1 ? "" : "s") + "."));
  }

  private void oneCase(Context ctx, ConsoleAuth.SignedIn user, Layout layout) {
    // Another institution's case is answered exactly as no case, as the operator API does.
    var found = cases.find(user.operator(), ctx.pathParam("institution"), ctx.pathParam("vurdId"), ctx.pathParam("kandidatnr"),
        RequestIds.of(ctx))
        .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No case for this candidate."));
    templates.answer(ctx, 200, "case.jte", cases.page(layout, user.operator(), found));
  }

  private void oneDeadLetter(Context ctx, ConsoleAuth.SignedIn user, Layout layout) {
    Pages.DeadLetter page = deadLetters.one(layout, user.operator(), ctx.pathParam("id"))
        .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No such dead letter."));
    // htmx asks for the attempts alone while it waits for a replay to be carried out.
    boolean fragment = "true".equals(ctx.header("HX-Request")) && "attempts".equals(ctx.queryParam("part"));
    templates.answer(ctx, 200, fragment ? "attempts.jte" : "deadletter.jte", page);
  }

  private void replay(Context ctx, ConsoleAuth.SignedIn user, Layout layout) {
    String reason = ctx.formParam("reason");
    if (Pages.blank(reason)) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "Say why you replay (the reason goes into the audit).");
    }
    List<String> ids = ctx.formParams("id");
    Pages.DeadLetterFilter filter = new Pages.DeadLetterFilter(ctx.formParam("partner"), ctx.formParam("institution"),
        ctx.formParam("operation"), ctx.formParam("errorCode"));
    if (ids.isEmpty() && !"filter".equals(ctx.formParam("selection"))) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "Select dead letters to replay, or replay the filter.");
    }
    templates.answer(ctx, 200, "replay.jte", deadLetters.replay(layout, user.operator(), ids, filter, reason.trim()));
  }

  private void checkConnection(Context ctx, ConsoleAuth.SignedIn user, Layout layout) {
    String name = ctx.pathParam("name");
    if (!institutions.visible(user.operator(), name)) {
      throw new ApiException(ErrorCode.NOT_FOUND, "No institution " + name + ".");
    }
    templates.answer(ctx, 200, "institutions.jte", institutions.page(layout, user.operator(), Optional.of(name)));
  }

  private static Pages.DeadLetterFilter deadLetterFilter(Context ctx) {
    return new Pages.DeadLetterFilter(ctx.queryParam("partner"), ctx.queryParam("institution"), ctx.queryParam("operation"),
        ctx.queryParam("errorCode"));
  }

  /** Signed in, or sent to the login page; a form (POST) must also carry the session's CSRF token. */
  private Handler signedIn(String active, Page page, boolean form) {
    return ctx -> {
      Optional<ConsoleAuth.SignedIn> user = auth.signedIn(ctx);
      if (user.isEmpty()) {
        if (form) {
          problem(ctx, Layout.anonymous("Signed out"), new ApiException(ErrorCode.MISSING_CREDENTIALS,
              "Your session has ended; sign in again."));
        } else {
          ctx.redirect("/console/login?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8));
        }
        return;
      }
      Layout layout = new Layout(title(active), user.get().operator().clientId(), scope(user.get()),
          user.get().session().csrf(), active);
      try {
        if (form && !ConsoleAuth.csrfMatches(user.get(), ctx.formParam("csrf"))) {
          throw new ApiException(ErrorCode.FORBIDDEN, "This form is not from your session; reload the page and try again.");
        }
        page.handle(ctx, user.get(), layout);
      } catch (ApiException e) {
        problem(ctx, layout, e);
      }
    };
  }

  private void problem(Context ctx, Layout layout, ApiException e) {
    e.headers().forEach(ctx::header);
    templates.answer(ctx, e.code().status(), "problem.jte",
        new Pages.Problem(layout, e.code().status(), e.code().code(), e.getMessage()));
  }

  private static String scope(ConsoleAuth.SignedIn user) {
    return user.operator().allInstitutions() ? "every institution"
        : String.join(", ", user.operator().institutions().stream().sorted().toList());
  }

  private static String title(String active) {
    return switch (active) {
      case "cases" -> "Cases";
      case "dead-letters" -> "Dead letters";
      case "health" -> "Health";
      case "institutions" -> "Institutions";
      default -> "Console";
    };
  }

  private static void asset(Context ctx, String resource, String type) throws IOException {
    try (InputStream in = ConsoleRoutes.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw ApiException.of(ErrorCode.NOT_FOUND);
      }
      ctx.contentType(type).header("Cache-Control", "public, max-age=86400").result(in.readAllBytes());
    }
  }
}
