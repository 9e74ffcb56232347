package no.examhub.institution;

import java.util.List;
import java.util.Map;

/**
 * What partners prove themselves with when they call an institution's endpoints. Values a partner
 * sends us in clear (client secret, capability token) are stored as SHA-256 hashes; the HMAC keys
 * must be kept as they are to compute signatures. Never logged: {@link #toString()} hides them.
 *
 * @param inspera the Inspera webhook subscription's secret (HMAC-SHA1 key)
 * @param proctoringClientId the {@code x-client-id} the proctoring vendor sends
 * @param proctoringClientSecretHash SHA-256 (hex) of the vendor's {@code x-client-secret}
 * @param proviewTokenHash SHA-256 (hex) of the capability token in Proview's callback path
 * @param standard per Standard Webhooks source, its {@code whsec_} secrets (several while rotating)
 */
public record WebhookSecrets(
    String inspera,
    String proctoringClientId,
    String proctoringClientSecretHash,
    String proviewTokenHash,
    Map<String, List<String>> standard) {

  public static final WebhookSecrets NONE = new WebhookSecrets(null, null, null, null, Map.of());

  public WebhookSecrets {
    standard = standard == null ? Map.of() : Map.copyOf(standard);
  }

  public List<String> standardSecrets(String source) {
    return standard.getOrDefault(source, List.of());
  }

  @Override
  public String toString() {
    return "WebhookSecrets[inspera=" + mask(inspera) + ", proctoringClientId=" + proctoringClientId
        + ", proctoringClientSecret=" + mask(proctoringClientSecretHash) + ", proviewToken="
        + mask(proviewTokenHash) + ", standardSources=" + standard.keySet() + "]";
  }

  private static String mask(String value) {
    return value == null ? "none" : "***";
  }
}
