package no.examhub.institution;

/**
 * What partners prove themselves with when they call an institution's endpoints. Never logged:
 * {@link #toString()} hides the values.
 *
 * @param inspera the secret of the institution's Inspera webhook subscription (HMAC-SHA1 key)
 */
public record WebhookSecrets(String inspera) {
  public static final WebhookSecrets NONE = new WebhookSecrets(null);

  @Override
  public String toString() {
    return "WebhookSecrets[inspera=" + (inspera == null ? "none" : "***") + "]";
  }
}
