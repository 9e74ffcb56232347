package no.examhub.faults.load;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.simulator.DemoData;

/**
 * One webhook as its partner sends it, authenticated as that partner must be. Its index is its
 * place in the load; its body is what the raw topic must hold once it is acknowledged.
 */
record Webhook(int index, String path, String body, Map<String, String> headers) {

  /** Signed with the institution's secret ({@code X-Inspera-Signature}, hex HMAC-SHA1 of the body). */
  static Webhook inspera(int index, String secret, String body) {
    return new Webhook(index, "/webhooks/inspera/" + DemoData.INSTITUTION, body, Map.of("Content-Type",
        "application/json", InsperaSignature.HEADER,
        InsperaSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8))));
  }

  /** Proview signs nothing: its callback URL carries the institution's capability token. */
  static Webhook proview(int index, String token, String body) {
    return new Webhook(index, "/webhooks/proview/" + DemoData.INSTITUTION + "/" + token, body,
        Map.of("Content-Type", "application/json"));
  }

  /** The same delivery sent again, as a partner does when it did not see our answer. */
  Webhook resentAs(int newIndex) {
    return new Webhook(newIndex, path, body, headers);
  }
}
