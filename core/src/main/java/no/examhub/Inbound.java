package no.examhub;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import no.examhub.Examhub.Parts;
import no.examhub.access.BearerAuth;
import no.examhub.flow.proctoring.RosterStore;
import no.examhub.ingress.IngressGate;
import no.examhub.institution.InstitutionRepository;
import no.examhub.ops.cases.CaseRoutes;
import no.examhub.ops.console.ConsoleRoutes;
import no.examhub.ops.deadletters.DeadLetterRoutes;
import no.examhub.ops.deadletters.DeadLetters;
import no.examhub.ops.institutions.ConnectionCheckRoutes;
import no.examhub.ops.institutions.ConnectionChecks;
import no.examhub.ops.institutions.CredentialRoutes;
import no.examhub.ops.institutions.InstitutionRoutes;
import no.examhub.ops.privacy.ErasureRoutes;
import no.examhub.partner.fs.FsAccounts;
import no.examhub.partner.fs.FsConnectionCheck;
import no.examhub.partner.inspera.InsperaConnectionCheck;
import no.examhub.partner.inspera.InsperaSubscriptionRoutes;
import no.examhub.partner.inspera.InsperaWebhookRoutes;
import no.examhub.partner.inspera.UnknownInsperaEventRoutes;
import no.examhub.partner.inspera.UnknownInsperaEvents;
import no.examhub.partner.metrica.MetricaRoutes;
import no.examhub.partner.proctoring.AccessCodeKey;
import no.examhub.partner.proctoring.ProctoringWebhookRoutes;
import no.examhub.partner.proctoring.RosterUploadRoutes;
import no.examhub.partner.proview.ProviewCallbackRoutes;
import no.examhub.partner.standard.StandardWebhookRoutes;
import no.examhub.partner.wiseflow.WiseflowConnectionCheck;
import no.examhub.platform.config.Roles.Role;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.http.RoleElsewhere;

/** Every HTTP interface: where a partner's webhook enters, and the operator API and console beside it. */
final class Inbound {
  private Inbound() {}

  /**
   * The routes of this instance's roles: the webhook and partner routes with {@code ingress}, the
   * operator API on every instance; verify_respondent and the roster upload also with {@code streams}
   * alone, as they read its roster store. What reads a Streams store (case queries, the console, the roster
   * behind verify-respondent, roster upload and erasure) answers {@code 421 70421} without {@code streams}.
   *
   * @param readiness the readiness checks: Metrica's queue adds its own, the console shows them all
   */
  static List<HttpRoutes> routes(Parts p, Consumer<AutoCloseable> remember, Map<String, BooleanSupplier> readiness) {
    BearerAuth auth = new BearerAuth(p.clients(), p.clock());
    Optional<RosterStore> roster = p.streams().map(s -> RosterStore.of(s.unwrap()));
    UnknownInsperaEvents unknownInspera = new UnknownInsperaEvents(p.registry(), p.clock());
    InstitutionRepository institutions = new InstitutionRepository(p.database());
    // One for the operator API and the console, so both list and replay alike.
    DeadLetters deadLetters = DeadLetters.of(p.bootstrapServers(), p.database(), p.producer(), p.config().environment(),
        p.config().ackTimeout(), p.config().deadLetterIndexMax(), p.registry(), p.clock());
    remember.accept(deadLetters);
    readiness.put("dead-letter-index", deadLetters.readiness());
    ConnectionChecks checks = connectionChecks(p);
    List<HttpRoutes> routes = new ArrayList<>();
    if (p.config().roles().has(Role.INGRESS)) {
      routes.addAll(ingress(p, auth, roster, unknownInspera, remember, readiness));
    } else if (roster.isPresent()) {
      // Where an ingress-only instance sends what it cannot answer: these read the roster.
      routes.addAll(rosterReading(p, auth, roster.get()));
    }
    routes.add(new UnknownInsperaEventRoutes(auth, unknownInspera));
    routes.add(new InsperaSubscriptionRoutes(auth, p.institutions(), institutions, p.endpoints(), p.credentials(),
        p.config().partnerConnectTimeout(), p.config().partnerReadTimeout(), p.clock(), p.config().advertisedEndpoint()));
    routes.add(new DeadLetterRoutes(auth, deadLetters));
    routes.add(new ConnectionCheckRoutes(auth, p.institutions(), checks));
    if (p.streams().isPresent()) {
      routes.add(ConsoleRoutes.of(p.clients(), p.streams().get().unwrap(), p.database(), deadLetters,
          p.config().appealPeriod(), p.config().explanationPeriod(), readiness, p.registry(),
          new ConsoleRoutes.InstitutionParts(p.institutions(), p.endpoints(), p.credentials(), checks), p.clock()));
      routes.add(CaseRoutes.of(auth, p.streams().get().unwrap(), p.config().advertisedEndpoint()));
      routes.add(ErasureRoutes.of(auth, p.institutions(), p.producer(), roster.get(), p.database(),
          p.config().environment(), p.config().ackTimeout(), p.registry()));
    } else {
      routes.add(RoleElsewhere.needs("streams").get(CaseRoutes.ALL).get(CaseRoutes.ONE)
          .post(ErasureRoutes.PATH).get(ErasureRoutes.PATH + "/{id}").get("/console").get("/console/<rest>"));
    }
    routes.add(InstitutionRoutes.of(auth, institutions, p.institutions()));
    routes.add(CredentialRoutes.of(auth, institutions, p.credentials()));
    return routes;
  }

  private static List<HttpRoutes> ingress(Parts p, BearerAuth auth, Optional<RosterStore> roster,
      UnknownInsperaEvents unknownInspera, Consumer<AutoCloseable> remember, Map<String, BooleanSupplier> readiness) {
    MetricaRoutes metrica = MetricaRoutes.create(p.config(), p.endpoints().metrica(), auth, p.ingress(), p.producer(),
        p.bootstrapServers(), p.credentials()::find, p.registry(), p.clock());
    remember.accept(metrica);
    readiness.put("metrica-queue", metrica.readiness());
    List<HttpRoutes> routes = new ArrayList<>(List.of(
        // The gate first: it rate-limits each client address before any route spends work on a
        // request, and each institution once a route has authenticated it.
        new IngressGate(new IngressGate.Limits(p.config().rateLimitPerSecond(),
            p.config().ingressSettings().clientRateLimitPerSecond(), p.config().ingressSettings().rateLimitMaxKeys(),
            p.config().ingressSettings().trustedProxies()), p.registry(), p.ingress()),
        new InsperaWebhookRoutes(p.institutions(), p.ingress(), unknownInspera, p.clock(),
            p.config().dedupRetention().minus(p.config().ingressSettings().insperaTimestampMargin())),
        StandardWebhookRoutes.of(p.institutions(), p.ingress(), p.config().webhookTolerance(), p.clock()),
        new ProviewCallbackRoutes(p.institutions(), p.ingress()),
        metrica));
    if (roster.isPresent()) {
      routes.addAll(rosterReading(p, auth, roster.get()));
    } else {
      // verify_respondent and the upload read the roster, a Streams global store.
      routes.add(RoleElsewhere.needs("streams").post(ProctoringWebhookRoutes.PATH).put(RosterUploadRoutes.PATH));
    }
    return routes;
  }

  /** The proctoring webhook (verify_respondent) and the roster upload: both read the roster store. */
  private static List<HttpRoutes> rosterReading(Parts p, BearerAuth auth, RosterStore roster) {
    AccessCodeKey accessCodes = AccessCodeKey.of(p.config());
    return List.of(new ProctoringWebhookRoutes(p.institutions(), p.ingress(), roster, accessCodes,
            p.config().verifyMaxFailures(), p.config().verifyFailureWindow(), p.producer(), p.config().ackTimeout(),
            p.registry(), p.clock()),
        new RosterUploadRoutes(auth, p.institutions(), roster, accessCodes, p.producer(), p.config().ackTimeout()));
  }

  /** "Check connection": FS, Inspera and WISEflow, with the partner timeouts dispatch uses. */
  private static ConnectionChecks connectionChecks(Parts p) {
    var connect = p.config().partnerConnectTimeout();
    var read = p.config().partnerReadTimeout();
    return new ConnectionChecks(new FsConnectionCheck(new FsAccounts(p.endpoints(), p.credentials()), connect, read, p.clock()),
        new InsperaConnectionCheck(p.institutions()::find, p.endpoints(), p.credentials(), connect, read, p.clock()),
        new WiseflowConnectionCheck(p.endpoints(), p.credentials(), connect, read, p.clock()));
  }
}
