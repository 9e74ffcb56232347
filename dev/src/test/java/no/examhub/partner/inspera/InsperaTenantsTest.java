package no.examhub.partner.inspera;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.event.ExamSystem;
import no.examhub.event.Partner;
import no.examhub.institution.Institution;
import no.examhub.institution.PartnerCredentials;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.institution.PartnerEndpoints;
import no.examhub.institution.PartnerSettings;
import no.examhub.institution.WebhookSecrets;
import no.examhub.platform.mongo.EmbeddedMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An institution is an Inspera tenant only with a domain, a client id and its integration user's
 * API key; each missing part is a permanent failure with its own code, so the command is
 * dead-lettered at once and can be replayed once an operator has configured it.
 */
class InsperaTenantsTest {
  private EmbeddedMongo mongo;
  private MongoClient client;
  private PartnerCredentialsRepository credentials;
  private final Map<String, Institution> institutions = new java.util.HashMap<>();
  private InsperaTenants tenants;

  @BeforeEach
  void setUp() {
    mongo = EmbeddedMongo.inMemory();
    client = MongoClients.create(mongo.uri());
    credentials = new PartnerCredentialsRepository(client.getDatabase("examhub"), Duration.ofMillis(1));
    tenants = new InsperaTenants(s -> Optional.ofNullable(institutions.get(s)),
        new PartnerEndpoints(PartnerEndpoints.Overrides.NONE), credentials);
  }

  @AfterEach
  void tearDown() {
    credentials.close();
    client.close();
    mongo.close();
  }

  @Test
  void aConfiguredInstitutionIsItsTenantsBaseUrlClientIdAndKey() throws Exception {
    put("nokut", "nokut.inspera.no", "examhub-nokut");
    credentials.save(new PartnerCredentials("nokut", Partner.INSPERA, null, "nokut-key"));

    InsperaTokens.Tenant t = tenants.of("nokut");

    assertThat(t.baseUrl()).isEqualTo("https://nokut.inspera.no/api");
    assertThat(t.clientId()).isEqualTo("examhub-nokut");
    assertThat(t.apiKey()).isEqualTo("nokut-key");
    assertThat(t.toString()).doesNotContain("nokut-key");
  }

  @Test
  void eachMissingPartHasItsOwnPermanentCode() {
    put("nodomain", "", "client");
    put("noclient", "x.inspera.no", "");
    put("nokey", "y.inspera.no", "client");

    assertThat(code("nobody")).isEqualTo("UNKNOWN_INSTITUTION");
    assertThat(code("nodomain")).isEqualTo("NO_ENDPOINT");
    assertThat(code("noclient")).isEqualTo("NO_CLIENT_ID");
    assertThat(code("nokey")).isEqualTo("NO_CREDENTIALS");
  }

  private String code(String institution) {
    try {
      tenants.of(institution);
      throw new AssertionError("expected a failure for " + institution);
    } catch (PartnerFailure f) {
      assertThat(f.retryable()).isFalse();
      return f.code();
    }
  }

  private void put(String shortName, String domain, String clientId) {
    institutions.put(shortName, new Institution(shortName, "1", "1", ExamSystem.INSPERA, shortName, "test", true, true,
        true, "", WebhookSecrets.NONE, new PartnerSettings(new PartnerSettings.Inspera(domain, clientId, null), null,
            null, null, null)));
  }
}
