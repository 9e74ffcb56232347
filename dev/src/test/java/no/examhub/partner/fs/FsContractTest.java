package no.examhub.partner.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import no.examhub.dispatch.PartnerHttp;
import no.examhub.event.ExamSystem;
import no.examhub.event.Operations;
import no.examhub.event.Partner;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.institution.InstitutionRepository;
import no.examhub.institution.PartnerCredentials;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.institution.PartnerEndpoints;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.testing.PartnerStore;
import no.examhub.testing.TestKafka;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FS's contract as ../shared/partners/README.md states it (FSWS "digitaleksamen", seed 003), pinned
 * against what Examhub actually sends: a server that records every request, not the simulator, so
 * nothing here depends on the simulator agreeing with the client.
 * <ul>
 *   <li>two servers, test {@code https://fs-test.uio.no} and production {@code https://fsws.usit.no},
 *       chosen per institution by its {@code fsEnv};</li>
 *   <li>every call, reads included, authenticated with the institution's own FSWS user (HTTP Basic);</li>
 *   <li>seed 003's paths and parameters: {@code institusjonsnr} and {@code siden}.</li>
 * </ul>
 */
class FsContractTest {
  /** A request as FS would receive it. */
  record Received(String method, String path, Map<String, List<String>> query, String authorization) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final PartnerStore store = new PartnerStore();
  private Javalin fs;
  private InstitutionDirectory institutions;
  private PartnerCredentialsRepository credentials;
  private PartnerEndpoints endpoints;

  @BeforeEach
  void start() {
    fs = Javalin.create(cfg -> cfg.routes.before(ctx -> {
      received.add(new Received(ctx.method().name(), ctx.path(), ctx.queryParamMap(), ctx.header("Authorization")));
      if ("GET".equals(ctx.method().name())) {
        ctx.contentType("application/json").result("[]");
      } else {
        ctx.status(201).contentType("application/json").result("{}");
      }
      ctx.skipRemainingHandlers();
    })).start("127.0.0.1", 0);
    InstitutionRepository repository = store.repository();
    repository.save(new Institution("uio", "185", "185", ExamSystem.INSPERA, "uio", "prod", true, true, true, "",
        null, null));
    repository.save(new Institution("hiof", "211", "211", ExamSystem.WISEFLOW, "hiof", "test", true, true, true, "",
        null, null));
    credentials = store.credentials();
    credentials.save(new PartnerCredentials("uio", Partner.FS, "uio-fsws", "uio-secret"));
    credentials.save(new PartnerCredentials("hiof", Partner.FS, "hiof-fsws", "hiof-secret"));
    institutions = store.institutions();
    endpoints = new PartnerEndpoints(new PartnerEndpoints.Overrides("", "", "", "", "", "",
        Optional.of("http://127.0.0.1:" + fs.port())));
  }

  @AfterEach
  void stop() {
    fs.stop();
    store.close();
  }

  @Test
  void theTwoServersAreFsTestAndFswsAndTheInstitutionsFsEnvPicksOne() {
    PartnerEndpoints production = new PartnerEndpoints(PartnerEndpoints.Overrides.NONE);

    assertThat(production.fs(institutions.find("hiof").orElseThrow())).contains("https://fs-test.uio.no");
    assertThat(production.fs(institutions.find("uio").orElseThrow())).contains("https://fsws.usit.no");
  }

  @Test
  void everyPollIsSentToTheInstitutionsOwnEnvironmentWithItsOwnFswsUserAndSeed003sParameters() {
    Instant from = Instant.now().minus(Duration.ofDays(30));
    try (DurableProducer producer = new DurableProducer(TestKafka.bootstrapServers(), "fs-contract", 5_000,
        new SimpleMeterRegistry())) {
      FsAccounts accounts = new FsAccounts(endpoints, credentials);
      FsPoller poller = new FsPoller(i -> accounts.client(i, FsServer.HTTP, Duration.ofSeconds(5)), institutions,
          producer, new FsWatermarks(store.database(), new SimpleMeterRegistry(), Clock.systemUTC()),
          () -> Set.of(new OpenExam("uio", "INF 1000/H")), Duration.ofDays(30), new SimpleMeterRegistry(),
          Clock.systemUTC());
      poller.pollOnce();
      poller.reconcileOnce();
      poller.close();
    }

    // The exam id is one path segment, URL-encoded (its slash too).
    assertThat(received).extracting(Received::method, Received::path).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("GET", "/fs/prod/eksamen/klager/INSPERA"),
        org.assertj.core.groups.Tuple.tuple("GET", "/fs/prod/eksamen/begrunnelse/INSPERA"),
        org.assertj.core.groups.Tuple.tuple("GET", "/fs/test/eksamen/klager/WISEFLOW"),
        org.assertj.core.groups.Tuple.tuple("GET", "/fs/test/eksamen/begrunnelse/WISEFLOW"),
        org.assertj.core.groups.Tuple.tuple("GET", "/fs/prod/eksamen/klager/INSPERA/INF%201000%2FH"),
        org.assertj.core.groups.Tuple.tuple("GET", "/fs/prod/eksamen/begrunnelser/INSPERA/INF%201000%2FH"));
    assertThat(received).filteredOn(r -> r.path().startsWith("/fs/prod/"))
        .allSatisfy(r -> assertThat(r.authorization()).isEqualTo(FsAccounts.basic("uio-fsws", "uio-secret")));
    assertThat(received).filteredOn(r -> r.path().startsWith("/fs/test/"))
        .allSatisfy(r -> assertThat(r.authorization()).isEqualTo(FsAccounts.basic("hiof-fsws", "hiof-secret")));
    assertThat(received).filteredOn(r -> !r.path().contains("INF%201000")).allSatisfy(r -> {
      assertThat(r.query().keySet()).containsExactlyInAnyOrder("institusjonsnr", "siden");
      assertThat(r.query().get("siden").get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
      assertThat(Instant.parse(r.query().get("siden").get(0))).isCloseTo(from, org.assertj.core.api.Assertions
          .within(Duration.ofMinutes(1)));
    });
    assertThat(received).filteredOn(r -> r.path().startsWith("/fs/prod/") && !r.path().contains("INF%201000"))
        .allSatisfy(r -> assertThat(r.query().get("institusjonsnr")).containsExactly("185"));
  }

  @Test
  void aWriteIsSentWithTheInstitutionsFswsUserToSeed003sPath() throws Exception {
    new FsCommandHandler(new PartnerHttp(Duration.ofSeconds(2), Duration.ofSeconds(5)), institutions,
        new FsAccounts(endpoints, credentials)).execute(Wire.command("hiof", Partner.FS, Operations.REGISTER_EXPLANATION,
            Json.MAPPER.createObjectNode().put("examSystem", "WISEFLOW").put("vurdId", "V1").put("kandidatnr", "9"),
            "test", Instant.now()));

    assertThat(received).singleElement().satisfies(r -> {
      assertThat(r.method() + " " + r.path()).isEqualTo("POST /fs/test/eksamen/begrunnelser/WISEFLOW");
      assertThat(r.authorization()).isEqualTo(FsAccounts.basic("hiof-fsws", "hiof-secret"));
    });
  }

  @Test
  void basicAuthIsTheStandardBase64OfUserColonSecret() {
    assertThat(FsAccounts.basic("Aladdin", "open sesame")).isEqualTo("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  }
}
