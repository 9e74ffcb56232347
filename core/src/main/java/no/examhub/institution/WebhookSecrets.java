package no.examhub.institution;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;
import java.util.Map;

/**
 * What partners prove themselves with when they call an institution's endpoints. Values a partner
 * sends us in clear (client secret, capability token) are stored as SHA-256 hashes; the HMAC keys
 * must be kept as they are to compute signatures. Never logged: {@link #toString()} hides them.
 *
 * @param inspera the Inspera webhook subscriptions' secrets (HMAC-SHA1 keys): a signature made with
 *     any one passes, so a secret can be rotated (new and old side by side until Inspera signs with
 *     the new one only); stored documents that hold one string read as a list of one
 * @param proctoringClientId the {@code x-client-id} the proctoring vendor sends
 * @param proctoringClientSecretHash SHA-256 (hex) of the vendor's {@code x-client-secret}
 * @param proviewTokenHash SHA-256 (hex) of the capability token in Proview's callback path
 * @param standard per Standard Webhooks source, its {@code whsec_} secrets (several while rotating)
 */
public record WebhookSecrets(
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> inspera,
    String proctoringClientId,
    String proctoringClientSecretHash,
    String proviewTokenHash,
    Map<String, List<String>> standard) {

  public static final WebhookSecrets NONE = new WebhookSecrets(null, null, null, null, Map.of());

  public WebhookSecrets {
    inspera = inspera == null ? List.of() : inspera.stream().filter(x -> x != null && !x.isBlank()).toList();
    standard = standard == null ? Map.of() : Map.copyOf(standard);
  }

  public List<String> standardSecrets(String source) {
    return standard.getOrDefault(source, List.of());
  }

  @Override
  public String toString() {
    return "WebhookSecrets[inspera=" + inspera.size() + " secret(s)" + ", proctoringClientId=" + proctoringClientId
        + ", proctoringClientSecret=" + mask(proctoringClientSecretHash) + ", proviewToken="
        + mask(proviewTokenHash) + ", standardSources=" + standard.keySet() + "]";
  }

  private static String mask(String value) {
    return value == null ? "none" : "***";
  }
}
