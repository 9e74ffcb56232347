package no.examhub.partner.standard;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.examhub.event.Topics;
import no.examhub.ingress.RawIngress;
import no.examhub.ingress.SignatureSchemes;
import no.examhub.ingress.SignatureVerifier.Verdict;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.Authenticated;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.http.RequestIds;
import no.examhub.platform.json.Json;

/**
 * {@code POST /webhooks/standard/{institution}/{source}}: any partner on the Standard Webhooks
 * scheme. A source exists for an institution when its secrets list it ({@code standard}); which
 * scheme verifies it is configured with the secrets ({@link SignatureSchemes}). {@code webhook-id}
 * is the sender's idempotency key, so the raw record is keyed
 * {@code institution/source/webhook-id} and a re-delivery meets its first copy downstream. The
 * source's mapping ({@code partners.standard.<source>}) is stored beside the request as it was at
 * acceptance ({@link StandardWebhookNormaliser}), as Inspera's event meaning is, so the intake
 * needs no configuration look-up and a partner cannot forge it.
 */
public final class StandardWebhookRoutes implements HttpRoutes {
  public static final String SOURCE = "standard";
  public static final String PATH = "/webhooks/standard/{institution}/{source}";
  private static final byte[] ACCEPTED = Json.bytes(Map.of("status", "accepted"));
  private static final int MAX_ID_LENGTH = 200;

  private final InstitutionDirectory institutions;
  private final RawIngress ingress;
  private final SignatureSchemes schemes;

  public StandardWebhookRoutes(InstitutionDirectory institutions, RawIngress ingress, SignatureSchemes schemes) {
    this.institutions = institutions;
    this.ingress = ingress;
    this.schemes = schemes;
  }

  /** Standard Webhooks by default; {@code inspera-sha1:<secret>} for senders that sign like Inspera. */
  /** @param tolerance how far a webhook's timestamp may be from now ({@code EXAMHUB_WEBHOOK_TOLERANCE}) */
  public static StandardWebhookRoutes of(InstitutionDirectory institutions, RawIngress ingress, Duration tolerance,
      Clock clock) {
    SignatureSchemes schemes = new SignatureSchemes(new StandardWebhookSignature(clock, tolerance))
        .with("inspera-sha1", InsperaSignature.VERIFIER);
    return new StandardWebhookRoutes(institutions, ingress, schemes);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post(PATH, this::receive);
  }

  private void receive(Context ctx) {
    Institution institution = ingress.activeInstitution(institutions, SOURCE, ctx.pathParam("institution"));
    String source = ctx.pathParam("source");
    List<String> secrets = institution.secrets().standardSecrets(source);
    if (secrets.isEmpty()) {
      throw reject(ErrorCode.NOT_FOUND, "Unknown webhook source for this institution.");
    }
    byte[] body = ctx.bodyAsBytes();
    SignatureSchemes.Choice scheme = schemes.choose(secrets);
    Verdict verdict = scheme.verifier().verify(ctx::header, body, scheme.secrets());
    if (!verdict.valid()) {
      throw reject(verdict.code(), verdict.message());
    }
    Authenticated.as(ctx, institution.shortName());
    String webhookId = idempotencyKey(ctx);
    String key = institution.shortName() + "/" + source + "/" + webhookId;
    ingress.accept(ctx, Topics.RAW_STANDARD, SOURCE, institution.shortName(), key, 200, ACCEPTED,
        StandardWebhookNormaliser.headers(source, hasWebhookId(ctx) ? webhookId : "",
            institution.partners().standard(source).map(m -> m.withDefaultExamSystem(institution.examSystem()))));
  }

  private static boolean hasWebhookId(Context ctx) {
    String id = ctx.header(StandardWebhookSignature.ID);
    return id != null && !id.isBlank();
  }

  /** {@code webhook-id}; a scheme without one (Inspera's) is keyed by the request id instead. */
  private String idempotencyKey(Context ctx) {
    String id = ctx.header(StandardWebhookSignature.ID);
    if (id == null || id.isBlank()) {
      return RequestIds.of(ctx);
    }
    if (id.length() > MAX_ID_LENGTH) {
      throw reject(ErrorCode.MALFORMED_REQUEST, StandardWebhookSignature.ID + " is longer than "
          + MAX_ID_LENGTH + " characters.");
    }
    return id;
  }

  private ApiException reject(ErrorCode code, String message) {
    return ingress.reject(SOURCE, code, message);
  }
}
