package no.examhub.institution;

/**
 * What a "check connection" found for one partner of one institution, in plain words for the
 * operator ("FS test: 401, the FSWS user is not authorised"). Never holds a credential.
 *
 * @param code a short code to act on: OK, or the partner's status or failure code
 */
public record ConnectionCheck(String partner, boolean ok, String code, String words) {
  public static ConnectionCheck works(String partner, String words) {
    return new ConnectionCheck(partner, true, "OK", words);
  }

  public static ConnectionCheck fails(String partner, String code, String words) {
    return new ConnectionCheck(partner, false, code, words);
  }

  /** What an HTTP status from a partner means, for a check's words. */
  public static String meaning(int status, String user) {
    return switch (status) {
      case 401 -> "the " + user + " is not authorised (wrong or revoked credentials)";
      case 403 -> "the " + user + " lacks the rights for this call";
      case 404 -> "the server has no such path (a wrong server or base URL?)";
      case 408, 504 -> "the server timed out";
      case 429 -> "the server is rate-limiting us; try again shortly";
      default -> status >= 500 ? "the server is failing" : "unexpected answer";
    };
  }
}
