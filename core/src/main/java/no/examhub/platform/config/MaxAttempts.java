package no.examhub.platform.config;

import java.util.HashMap;
import java.util.Map;

/** {@code EXAMHUB_DISPATCH_MAX_ATTEMPTS}: a default and per-partner overrides, {@code 5,inspera=3}. */
record MaxAttempts(int fallback, Map<String, Integer> byPartner) {
  static MaxAttempts parse(String value) {
    int fallback = 5;
    Map<String, Integer> byPartner = new HashMap<>();
    for (String part : value.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq < 0) {
        fallback = positive(p);
      } else {
        byPartner.put(p.substring(0, eq).trim(), positive(p.substring(eq + 1)));
      }
    }
    return new MaxAttempts(fallback, Map.copyOf(byPartner));
  }

  int forPartner(String partner) {
    return byPartner.getOrDefault(partner, fallback);
  }

  private static int positive(String text) {
    int n = Integer.parseInt(text.trim());
    if (n < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    return n;
  }
}
