package no.examhub.partner.proview;

/**
 * Where Proview is and the test-admin account Examhub logs in with; {@code app-id} is the id
 * Talview white-lists. {@link #toString()} hides the password.
 */
public record ProviewSettings(String apiUrl, String authUrl, String username, String password, String appId) {
  @Override
  public String toString() {
    return "ProviewSettings[" + apiUrl + ", " + authUrl + ", " + username + ", app-id " + appId + "]";
  }
}
