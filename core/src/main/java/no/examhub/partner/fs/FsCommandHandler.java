package no.examhub.partner.fs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import no.examhub.dispatch.Changing;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHandler;
import no.examhub.dispatch.PartnerHttp;
import no.examhub.event.Command;
import no.examhub.event.ExamSystem;
import no.examhub.event.Partner;
import no.examhub.flow.cases.Operations;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.platform.json.Json;

/**
 * What Examhub writes into FS (FSWS "digitaleksamen"), on the institution's own FS server as its
 * own FSWS user (HTTP Basic), both from {@link FsAccounts}:
 * <ul>
 *   <li>{@code register-explanation}: {@code POST /eksamen/begrunnelser/{examSystem}} with seed
 *       003's six fields, plus {@code vurdId} so FS knows the exam;</li>
 *   <li>{@code register-appeal-decision}: the seeds name no endpoint, so it is sent only to the
 *       institution's configured {@code partners.fs.appealDecisionPath} ({@code {examSystem}} is
 *       filled in), with {@code vurdId}, {@code kandidatnr} and {@code datoVedtak} (ISO instant).
 *       Without one it is carried out as "not sent" ({@link #NOT_SENT}): a successful outcome
 *       with {@code sent: false} and a note, which the case records in its history, so the
 *       decision stays recorded, nothing is dead-lettered and nothing is retried.</li>
 * </ul>
 * The handler, not the case flow, decides this: the flow runs in Kafka Streams and holds no
 * institution configuration, and the command in the case's history shows what was decided.
 * An institution Examhub does not know, or without an FS server or FSWS user, is a permanent
 * failure with a code (dead-lettered, replayable once configured).
 */
public final class FsCommandHandler implements PartnerHandler {
  static final String[] EXPLANATION_FIELDS = {"vurdId", "kandidatnr", "urlBegrunnelse", "datoBegrunnelseBedtOm",
      "dokumentBegrunnelse", "datoBegrunnelseGitt", "contentTypeBegrunnelse"};
  public static final String NOT_SENT = "not sent to FS: no appealDecisionPath configured for the institution";

  private final PartnerHttp http;
  private final InstitutionDirectory institutions;
  private final FsAccounts accounts;

  public FsCommandHandler(PartnerHttp http, InstitutionDirectory institutions, FsAccounts accounts) {
    this.http = http;
    this.institutions = institutions;
    this.accounts = accounts;
  }

  @Override
  public Partner partner() {
    return Partner.FS;
  }

  @Override
  public JsonNode execute(Command c) throws PartnerFailure {
    JsonNode p = c.payload();
    Institution institution = institutions.find(c.institution())
        .orElseThrow(() -> PartnerFailure.permanent("UNKNOWN_INSTITUTION", "no institution " + c.institution()));
    String path;
    ObjectNode body;
    switch (c.operation()) {
      case Operations.REGISTER_EXPLANATION -> {
        path = "/eksamen/begrunnelser/" + examSystem(p);
        body = copy(p, EXPLANATION_FIELDS);
      }
      case Operations.REGISTER_APPEAL_DECISION -> {
        if (!institution.partners().fs().sendsAppealDecisions()) {
          return Json.MAPPER.createObjectNode().put("sent", false).put("note", NOT_SENT);
        }
        path = institution.partners().fs().appealDecisionPath().replace("{examSystem}", examSystem(p).name());
        body = copy(p, "vurdId", "kandidatnr").put("datoVedtak", p.path("decidedAt").asText(null));
      }
      default -> throw PartnerFailure.permanent("UNKNOWN_OPERATION", "FS cannot " + c.operation());
    }
    FsAccounts.Account account = account(institution);
    String url = account.baseUrl() + path;
    ObjectNode sent = Json.MAPPER.createObjectNode().put("sent", true);
    // FS's answer is not read; a 2xx that is not JSON is still applied, its result unknown.
    Changing.call(sent, () -> http.post(url, body, c.commandId(), Map.of("Authorization", account.authorization())));
    return sent;
  }

  private FsAccounts.Account account(Institution institution) throws PartnerFailure {
    try {
      return accounts.of(institution);
    } catch (FsAccounts.Unconfigured e) {
      throw PartnerFailure.permanent(e.code(), e.getMessage());
    }
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
}
