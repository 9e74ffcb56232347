package no.examhub.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import no.examhub.access.ApiClient;
import no.examhub.access.ApiClientRepository;
import no.examhub.access.Scopes;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.json.Json;

/**
 * {@code examhub operator-token CLIENT_ID [--institution I ...] [--expires INSTANT]
 * [--description TEXT] [--save]}: a new operator token (scope {@code admin}), printed once, and
 * its {@code api_clients} document, which holds only the token's SHA-256. With
 * {@code --institution} the operator sees and replays only those institutions' data; without,
 * every institution's (the platform team). {@code --save} writes the document to
 * {@code MONGODB_URI}; otherwise it is printed for {@code mongosh}. The instances read it within
 * {@code EXAMHUB_CONFIG_REFRESH}; deleting the document revokes the token within the same time.
 */
public final class OperatorTokenCommand {
  static final String USAGE = "usage: examhub operator-token CLIENT_ID [--institution I ...] [--expires 2027-06-30T00:00:00Z]"
      + " [--description TEXT] [--save]";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final PrintStream out;
  private final Consumer<ApiClient> store;

  OperatorTokenCommand(PrintStream out, Consumer<ApiClient> store) {
    this.out = out;
    this.store = store;
  }

  public static int run(List<String> args) {
    if (!args.contains("--save")) {
      return new OperatorTokenCommand(System.out, null).execute(args);
    }
    ExamhubConfig config = ExamhubConfig.fromEnvironment();
    String uri = config.mongoUri().orElseThrow(() -> new IllegalArgumentException(
        "--save needs MONGODB_URI; without it, insert the printed document yourself"));
    try (MongoClient client = MongoClients.create(uri)) {
      ApiClientRepository repository = new ApiClientRepository(client.getDatabase(config.mongoDatabase()));
      return new OperatorTokenCommand(System.out, repository::save).execute(args);
    }
  }

  int execute(List<String> args) {
    if (args.isEmpty() || args.get(0).startsWith("--")) {
      throw new IllegalArgumentException(USAGE);
    }
    String clientId = args.get(0);
    Set<String> institutions = new LinkedHashSet<>();
    Instant expires = null;
    String description = "operator";
    List<String> rest = new ArrayList<>(args.subList(1, args.size()));
    for (int i = 0; i < rest.size(); i++) {
      String option = rest.get(i);
      if (option.equals("--save")) {
        continue;
      }
      if (i + 1 >= rest.size()) {
        throw new IllegalArgumentException(USAGE);
      }
      String value = rest.get(++i);
      switch (option) {
        case "--institution" -> institutions.add(value);
        case "--expires" -> expires = instant(value);
        case "--description" -> description = value;
        default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
      }
    }
    String token = newToken();
    ApiClient client = new ApiClient(clientId, Hmac.sha256Hex(token), Set.of(Scopes.ADMIN), expires, description,
        institutions.isEmpty() ? null : institutions);
    ObjectNode document = Json.MAPPER.createObjectNode().put("_id", clientId);
    document.setAll((ObjectNode) Json.MAPPER.valueToTree(client));
    if (client.allInstitutions()) {
      document.remove("institutions");
    }
    out.println("token (shown once; give it to the operator): " + token);
    out.println("institutions: " + (client.allInstitutions() ? "all" : String.join(", ", institutions)));
    if (store != null) {
      store.accept(client);
      out.println("saved to api_clients as " + clientId);
    } else {
      out.println("store it in MongoDB (api_clients):");
      out.println("db.api_clients.replaceOne({_id: " + Json.string(clientId) + "}, " + document
          + ", {upsert: true})");
    }
    return 0;
  }

  private static Instant instant(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--expires must be an instant such as 2027-06-30T00:00:00Z");
    }
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
