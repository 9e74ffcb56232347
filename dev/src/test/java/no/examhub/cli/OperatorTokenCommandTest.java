package no.examhub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.examhub.access.ApiClient;
import no.examhub.access.ApiClientDirectory;
import no.examhub.access.ApiClientRepository;
import no.examhub.access.Scopes;
import no.examhub.platform.mongo.EmbeddedMongo;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** {@code examhub operator-token}: a token printed once, and a document that scopes it. */
class OperatorTokenCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @Test
  void thePrintedDocumentGivesAnOperatorOfTheNamedInstitutionsOnly() {
    new OperatorTokenCommand(new PrintStream(out, true, StandardCharsets.UTF_8), null)
        .execute(List.of("uio-operator", "--institution", "uio", "--institution", "uib", "--expires",
            "2027-06-30T00:00:00Z"));

    String printed = out.toString(StandardCharsets.UTF_8);
    String token = match(printed, "token \\(shown once; give it to the operator\\): (\\S+)");
    String document = match(printed, "db\\.api_clients\\.replaceOne\\(\\{_id: \"uio-operator\"\\}, (\\{.*\\}), \\{upsert: true\\}\\)");
    assertThat(document).doesNotContain(token);

    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory(); MongoClient client = MongoClients.create(mongo.uri())) {
      client.getDatabase("examhub").getCollection("api_clients").insertOne(Document.parse(document));
      try (ApiClientDirectory directory = new ApiClientDirectory(
          new ApiClientRepository(client.getDatabase("examhub")), Duration.ofHours(1))) {
        ApiClient operator = directory.byToken(token).orElseThrow();

        assertThat(operator.clientId()).isEqualTo("uio-operator");
        assertThat(operator.scopes()).containsExactly(Scopes.ADMIN);
        assertThat(operator.institutions()).containsExactlyInAnyOrder("uio", "uib");
        assertThat(operator.expiresAt()).isEqualTo(Instant.parse("2027-06-30T00:00:00Z"));
      }
    }
  }

  @Test
  void withoutAnInstitutionTheOperatorIsThePlatformsAndSaveStoresIt() {
    List<ApiClient> saved = new ArrayList<>();
    new OperatorTokenCommand(new PrintStream(out, true, StandardCharsets.UTF_8), saved::add)
        .execute(List.of("platform-operator", "--save"));

    assertThat(saved).hasSize(1);
    assertThat(saved.get(0).allInstitutions()).isTrue();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("institutions: all", "saved to api_clients");
  }

  @Test
  void aMissingClientIdOrABadOptionIsAUsageError() {
    OperatorTokenCommand command = new OperatorTokenCommand(new PrintStream(out, true, StandardCharsets.UTF_8), null);

    assertThatThrownBy(() -> command.execute(List.of())).hasMessageContaining("usage");
    assertThatThrownBy(() -> command.execute(List.of("--institution", "uio"))).hasMessageContaining("usage");
    assertThatThrownBy(() -> command.execute(List.of("x", "--expires", "tomorrow"))).hasMessageContaining("--expires");
    assertThatThrownBy(() -> command.execute(List.of("x", "--scope", "all"))).hasMessageContaining("unknown option");
  }

  @Test
  void theCliFindsTheOperatorApiOnTheAdminPortWhenThereIsOne() {
    assertThat(OperatorEndpoint.defaultUrl(null)).isEqualTo("http://127.0.0.1:8080");
    assertThat(OperatorEndpoint.defaultUrl("9080")).isEqualTo("http://127.0.0.1:9080");
  }

  private static String match(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in %s", regex, text).isTrue();
    return m.group(1);
  }
}
