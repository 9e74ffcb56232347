package no.examhub.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import no.examhub.event.ExamSystem;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionRepository;
import no.examhub.institution.WebhookSecrets;
import no.examhub.platform.json.Json;

/**
 * The demo institution of the embedded default ({@code demo}), created on first start with fresh
 * random secrets and kept after that, and the credentials file the README's examples read.
 */
public final class DemoData {
  public static final String INSTITUTION = "demo";
  private static final SecureRandom RANDOM = new SecureRandom();

  private DemoData() {}

  public static Institution seed(InstitutionRepository repository) {
    return repository.find(INSTITUTION).orElseGet(() -> {
      Institution demo = new Institution(INSTITUTION, "9999", "9999", ExamSystem.INSPERA, "demo", "test",
          true, true, true, "", new WebhookSecrets(randomSecret()));
      repository.save(demo);
      return demo;
    });
  }

  /** One entry per source and client, so scripts can read what they need with jq. */
  public static Path writeCredentials(Path dataDir, Institution demo, String httpBase) {
    Map<String, Object> inspera = new LinkedHashMap<>();
    inspera.put("url", httpBase + "/webhooks/inspera/" + demo.shortName());
    inspera.put("signatureHeader", "X-Inspera-Signature");
    inspera.put("secret", demo.secrets().inspera());
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("institution", demo.shortName());
    file.put("baseUrl", httpBase);
    file.put("inspera", inspera);
    Path path = dataDir.resolve("demo-credentials.json");
    try {
      Files.createDirectories(dataDir);
      Files.write(path, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(file));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + path, e);
    }
    return path;
  }

  private static String randomSecret() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
