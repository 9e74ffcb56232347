package no.examhub.partner.proview;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;
import no.examhub.event.Topics;
import no.examhub.ingress.RawIngress;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.Authenticated;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.json.Json;

/**
 * {@code POST /webhooks/proview/{institution}/{token}}: Talview Proview's termination callback.
 * Proview signs nothing (seed 002), so the URL shared with Proview carries a per-institution
 * capability token, checked against its stored SHA-256 in constant time. The token is a secret:
 * it is never logged, and metrics name the route template, not the path. A forged callback can
 * at worst make Examhub fetch a session from Proview: the rating is read from Proview's API,
 * never from this body.
 */
public final class ProviewCallbackRoutes implements HttpRoutes {
  public static final String SOURCE = "proview";
  public static final String PATH = "/webhooks/proview/{institution}/{token}";
  private static final byte[] ACCEPTED = Json.bytes(Map.of("status", "accepted"));

  private final InstitutionDirectory institutions;
  private final RawIngress ingress;

  public ProviewCallbackRoutes(InstitutionDirectory institutions, RawIngress ingress) {
    this.institutions = institutions;
    this.ingress = ingress;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post(PATH, this::receive);
  }

  private void receive(Context ctx) {
    Institution institution = ingress.activeInstitution(institutions, SOURCE, ctx.pathParam("institution"));
    if (!Hmac.matchesHash(institution.secrets().proviewTokenHash(), ctx.pathParam("token"))) {
      throw reject(ErrorCode.INVALID_CREDENTIALS, "Invalid callback token.");
    }
    Authenticated.as(ctx, institution.shortName());
    ProviewCallback callback = parse(ctx.bodyAsBytes());
    if (callback == null || callback.sessionUuid() == null) {
      throw reject(ErrorCode.MALFORMED_REQUEST, "session_uuid is missing.");
    }
    if (!callback.hasValidSessionUuid()) {
      throw reject(ErrorCode.MALFORMED_REQUEST, "session_uuid is not a UUID.");
    }
    String key = institution.shortName() + "/" + callback.session();
    ingress.accept(ctx, Topics.RAW_PROVIEW, SOURCE, institution.shortName(), key, 200, ACCEPTED);
  }

  private ProviewCallback parse(byte[] body) {
    try {
      return body.length == 0 ? null : Json.MAPPER.readValue(body, ProviewCallback.class);
    } catch (IOException e) {
      throw reject(ErrorCode.MALFORMED_REQUEST, "Body is not a Proview callback (JSON object expected).");
    }
  }

  private ApiException reject(ErrorCode code, String message) {
    return ingress.reject(SOURCE, code, message);
  }
}
