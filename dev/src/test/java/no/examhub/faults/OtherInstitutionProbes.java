package no.examhub.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import no.examhub.faults.HostileRequests.Probe;

/**
 * Attempts on another institution's data by an operator whose token is scoped elsewhere: every
 * operator route that names an institution, under the spellings a router would still match
 * (percent-encoded letters, a trailing slash), reads and writes alike. Each {@link Probe} of kind
 * {@code item} must be answered 404 {@code 70404}, as for data that does not exist; each of kind
 * {@code list} must answer 200 without a trace of the victim.
 */
final class OtherInstitutionProbes {
  private OtherInstitutionProbes() {}

  static List<Probe> against(String victim, String token, int count, long seed) {
    Random random = new Random(seed);
    Map<String, String> headers = Map.of("Content-Type", "application/json", "Authorization", "Bearer " + token);
    List<Probe> probes = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      String v = spelling(victim, random);
      String exam = "EXAM-" + random.nextInt(1000);
      String candidate = Integer.toString(10_000 + random.nextInt(90_000));
      probes.add(switch (n % 16) {
        case 0 -> item("GET", "/api/cases/" + v + "/" + exam + "/" + candidate, headers, "");
        case 1 -> item("GET", "/api/institutions/" + v, headers, "");
        case 2 -> item("PUT", "/api/institutions/" + v, headers, "{\"orgId\": \"1\", \"institutionNumber\": \"1\","
            + " \"examSystem\": \"INSPERA\", \"instance\": \"taken\", \"fsEnvironment\": \"test\"}");
        case 3 -> item("GET", "/api/institutions/" + v + "/credentials", headers, "");
        case 4 -> item("PUT", "/api/institutions/" + v + "/credentials/fs", headers,
            "{\"username\": \"mine\", \"secret\": \"stolen\"}");
        case 5 -> item("PUT", "/api/roster/" + v + "/" + exam, headers, "[]");
        case 6 -> item("GET", "/api/inspera/" + v + "/events", headers, "");
        case 7 -> item("GET", "/api/inspera/" + v + "/subscriptions", headers, "");
        case 8 -> item("POST", "/api/inspera/" + v + "/subscriptions", headers, "{\"publicUrl\": \"http://evil\"}");
        case 9 -> list("GET", "/api/cases?institution=" + victim + "&limit=1000", headers, "");
        case 10 -> list("GET", "/api/cases?limit=1000", headers, "");
        case 11 -> list("GET", "/api/dead-letters?institution=" + victim, headers, "");
        case 12 -> list("GET", "/api/institutions", headers, "");
        case 13 -> list("POST", "/api/dead-letters/replay", headers, random.nextBoolean()
            ? "{\"institution\": \"" + victim + "\", \"force\": true}" : "{\"all\": true, \"force\": true}");
        case 14 -> list("GET", "/api/inspera/unknown-events?institution=" + victim, headers, "");
        default -> list("GET", "/api/dead-letters?limit=1000", headers, "");
      });
    }
    return probes;
  }

  /** The victim's short name as a router still matches it: plain, one letter percent-encoded, or with a slash. */
  private static String spelling(String victim, Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> victim;
      case 1 -> "%" + Integer.toHexString(victim.charAt(0)) + victim.substring(1);
      default -> victim + "/";
    };
  }

  private static Probe item(String method, String path, Map<String, String> headers, String body) {
    return new Probe("item", method, path.replace("//", "/"), headers, body.getBytes(StandardCharsets.UTF_8), false);
  }

  private static Probe list(String method, String path, Map<String, String> headers, String body) {
    return new Probe("list", method, path, headers, body.getBytes(StandardCharsets.UTF_8), false);
  }
}
