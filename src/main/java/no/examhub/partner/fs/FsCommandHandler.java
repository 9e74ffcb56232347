package no.examhub.partner.fs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHandler;
import no.examhub.dispatch.PartnerHttp;
import no.examhub.event.Command;
import no.examhub.event.ExamSystem;
import no.examhub.event.Partner;
import no.examhub.flow.cases.Operations;
import no.examhub.institution.PartnerCredentials;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.platform.json.Json;

/**
 * What Examhub writes into FS (FSWS "digitaleksamen", basic auth per institution):
 * <ul>
 *   <li>{@code register-explanation}: {@code POST /eksamen/begrunnelser/{examSystem}} with seed
 *       003's six fields, plus {@code vurdId} so FS knows the exam;</li>
 *   <li>{@code register-appeal-decision}: the seeds name no endpoint; Examhub uses
 *       {@code POST /eksamen/klager/{examSystem}/vedtak} with {@code vurdId}, {@code kandidatnr}
 *       and {@code datoVedtak} (ISO instant), beside the appeal reads of the same resource.</li>
 * </ul>
 * Both answer nothing the case flow needs: the result is empty.
 */
public final class FsCommandHandler implements PartnerHandler {
  static final String[] EXPLANATION_FIELDS = {"vurdId", "kandidatnr", "urlBegrunnelse", "datoBegrunnelseBedtOm",
      "dokumentBegrunnelse", "datoBegrunnelseGitt", "contentTypeBegrunnelse"};

  private final PartnerHttp http;
  private final String baseUrl;
  private final PartnerCredentialsRepository credentials;

  public FsCommandHandler(PartnerHttp http, String baseUrl, PartnerCredentialsRepository credentials) {
    this.http = http;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.credentials = credentials;
  }

  @Override
  public Partner partner() {
    return Partner.FS;
  }

  @Override
  public JsonNode execute(Command c) throws PartnerFailure {
    JsonNode p = c.payload();
    String path = switch (c.operation()) {
      case Operations.REGISTER_EXPLANATION -> "/eksamen/begrunnelser/" + examSystem(p);
      case Operations.REGISTER_APPEAL_DECISION -> "/eksamen/klager/" + examSystem(p) + "/vedtak";
      default -> throw PartnerFailure.permanent("UNKNOWN_OPERATION", "FS cannot " + c.operation());
    };
    ObjectNode body = Operations.REGISTER_EXPLANATION.equals(c.operation())
        ? copy(p, EXPLANATION_FIELDS)
        : copy(p, "vurdId", "kandidatnr").put("datoVedtak", p.path("decidedAt").asText(null));
    http.post(baseUrl + path, body, c.commandId(), Map.of("Authorization", basicAuth(c.institution())));
    return Json.MAPPER.createObjectNode();
  }

  /** Only FS's own exam-system names reach the path. */
  private static ExamSystem examSystem(JsonNode p) throws PartnerFailure {
    try {
      return ExamSystem.valueOf(p.path("examSystem").asText(""));
    } catch (IllegalArgumentException e) {
      throw PartnerFailure.permanent("INCOMPLETE_COMMAND", "the command names no known exam system");
    }
  }

  /** The named fields the payload carries; absent ones stay absent, for FS to refuse if it needs them. */
  private static ObjectNode copy(JsonNode p, String... fields) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    for (String f : fields) {
      if (p.hasNonNull(f)) {
        body.set(f, p.get(f));
      }
    }
    return body;
  }

  private String basicAuth(String institution) throws PartnerFailure {
    PartnerCredentials c = credentials.find(institution, Partner.FS)
        .orElseThrow(() -> PartnerFailure.permanent("NO_CREDENTIALS", "no FS credentials for " + institution));
    return "Basic " + Base64.getEncoder().encodeToString((c.username() + ":" + c.secret())
        .getBytes(StandardCharsets.UTF_8));
  }
}
