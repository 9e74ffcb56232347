package no.examhub;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import no.examhub.Examhub.Parts;
import no.examhub.access.BearerAuth;
import no.examhub.access.Delegations;
import no.examhub.flow.proctoring.RosterStore;
import no.examhub.ingress.IngressGate;
import no.examhub.institution.InstitutionRepository;
import no.examhub.ops.cases.CaseReader;
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
   * operator API on every instance. What reads a Streams store (case queries, the console, the roster
   * behind verify-respondent, roster upload and erasure) answers {@code 421 70421} without {@code streams},
   * or is forwarded to {@code EXAMHUB_STREAMS_URL} when that is set.
   *
   * @param readiness the readiness checks: Metrica's queue adds its own, the console shows them all
   */
  static List<HttpRoutes> routes(Parts p, Consumer<AutoCloseable> remember, Map<String, BooleanSupplier> readiness) {
    BearerAuth auth = new BearerAuth(p.clients(), p.clock());
    // Every instance of a deployment shares the access-code key, so each derives the same one.
    Delegations delegations = new Delegations(AccessCodeKey.of(p.config()).derive(Delegations.KEY_PURPOSE),
        p.config().advertisedEndpoint(), p.clients(), p.clock());
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
    }
    routes.add(new UnknownInsperaEventRoutes(auth, unknownInspera));
    routes.add(new InsperaSubscriptionRoutes(auth, p.institutions(), institutions, p.endpoints(), p.credentials(),
        p.config().partnerConnectTimeout(), p.config().partnerReadTimeout(), p.clock(), p.config().advertisedEndpoint()));
    routes.add(new DeadLetterRoutes(auth, deadLetters));
    routes.add(new ConnectionCheckRoutes(auth, p.institutions(), checks));
    if (p.streams().isPresent()) {
      CaseReader caseReader = CaseReader.of(p.streams().get().unwrap(), p.config().advertisedEndpoint());
      routes.add(ConsoleRoutes.of(p.clients(), p.streams().get().unwrap(), caseReader, delegations, p.database(), deadLetters,
          p.config().appealPeriod(), p.config().explanationPeriod(), readiness, p.registry(),
          new ConsoleRoutes.InstitutionParts(p.institutions(), p.endpoints(), p.credentials(), checks), p.clock()));
      routes.add(CaseRoutes.of(auth, delegations, caseReader));
      routes.add(ErasureRoutes.of(auth, p.institutions(), p.producer(), roster.get(), p.database(),
          p.config().environment(), p.config().ackTimeout(), p.registry()));
    } else {
      // The console too is forwarded (proxied, not redirected): a streams instance need not be reachable by browsers.
      routes.add(storeReadsElsewhere(p, p.config().streamsUrl()).get(CaseRoutes.ALL).get(CaseRoutes.ONE)
          .post(ErasureRoutes.PATH).get(ErasureRoutes.PATH + "/{id}").get("/console").get("/console/<rest>")
          .post("/console/<rest>"));
    }
    if (roster.isPresent() && !p.config().roles().has(Role.INGRESS)) {
      // What an ingress-only instance forwards here (EXAMHUB_STREAMS_URL): the vendor's
      // verify_respondent and the roster upload, which read the roster this instance holds.
      routes.addAll(proctoring(p, auth, roster.get()));
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
      routes.addAll(proctoring(p, auth, roster.get()));
    } else {
      // verify_respondent and the upload read the roster, a Streams global store.
      routes.add(storeReadsElsewhere(p, p.config().streamsPublicEndpoint()).post(ProctoringWebhookRoutes.PATH));
      routes.add(storeReadsElsewhere(p, p.config().streamsUrl()).put(RosterUploadRoutes.PATH));
    }
    return routes;
  }

  /** verify_respondent and the roster upload, over the roster this instance holds. */
  private static List<HttpRoutes> proctoring(Parts p, BearerAuth auth, RosterStore roster) {
    AccessCodeKey accessCodes = AccessCodeKey.of(p.config());
    return List.of(new ProctoringWebhookRoutes(p.institutions(), p.ingress(), roster, accessCodes,
            p.config().verifyMaxFailures(), p.config().verifyFailureWindow(), p.producer(), p.config().ackTimeout(),
            p.registry(), p.clock()),
        new RosterUploadRoutes(auth, p.institutions(), roster, accessCodes, p.producer(), p.config().ackTimeout()));
  }

  /**
   * Routes that read a Streams store, on an instance without {@code streams}: 421, or forwarded to
   * {@code target} ({@code EXAMHUB_STREAMS_URL}, or its public listener for the partner's route).
   * The target's erasure and roster upload wait for the broker's acknowledgement
   * ({@code EXAMHUB_ACK_TIMEOUT}), so it gets twice that to answer.
   */
  private static RoleElsewhere storeReadsElsewhere(Parts p, Optional<String> target) {
    return RoleElsewhere.needs("streams").forwardingTo(target.map(URI::create),
        p.config().ackTimeout().multipliedBy(2));
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
