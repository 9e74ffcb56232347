package no.examhub.partner.fs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import no.examhub.dispatch.Changing;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHandler;
import no.examhub.dispatch.PartnerHttp;
import no.examhub.event.Command;
import no.examhub.event.ExamSystem;
import no.examhub.event.Partner;
import no.examhub.event.Payload;
import no.examhub.event.Result;
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
  public Result execute(Command c) throws PartnerFailure {
    Institution institution = institutions.find(c.institution())
        .orElseThrow(() -> PartnerFailure.permanent("UNKNOWN_INSTITUTION", "no institution " + c.institution()));
    String path;
    ObjectNode body;
    if (c.payload() instanceof Payload.RegisterExplanation p) {
      path = "/eksamen/begrunnelser/" + examSystem(p.examSystem());
      body = Json.MAPPER.createObjectNode();
      put(body, "vurdId", p.vurdId());
      put(body, "kandidatnr", p.kandidatnr());
      put(body, "urlBegrunnelse", p.urlBegrunnelse());
      put(body, "datoBegrunnelseBedtOm", p.datoBegrunnelseBedtOm() == null ? null : p.datoBegrunnelseBedtOm().toString());
      put(body, "dokumentBegrunnelse", p.dokumentBegrunnelse());
      put(body, "datoBegrunnelseGitt", p.datoBegrunnelseGitt());
      put(body, "contentTypeBegrunnelse", p.contentTypeBegrunnelse());
    } else if (c.payload() instanceof Payload.RegisterAppealDecision p) {
      if (!institution.partners().fs().sendsAppealDecisions()) {
        return new Result.FsSent(false, NOT_SENT);
      }
      path = institution.partners().fs().appealDecisionPath().replace("{examSystem}", examSystem(p.examSystem()).name());
      body = Json.MAPPER.createObjectNode();
      put(body, "vurdId", p.vurdId());
      put(body, "kandidatnr", p.kandidatnr());
      body.put("datoVedtak", p.decidedAt() == null ? null : p.decidedAt().toString());
    } else {
      throw PartnerFailure.permanent("UNKNOWN_OPERATION", "FS cannot " + c.operation());
    }
    FsAccounts.Account account = account(institution);
    String url = account.baseUrl() + path;
    Result.FsSent sent = new Result.FsSent(true, null);
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
  private static ExamSystem examSystem(ExamSystem examSystem) throws PartnerFailure {
    if (examSystem == null) {
      throw PartnerFailure.permanent("INCOMPLETE_COMMAND", "the command names no known exam system");
    }
    return examSystem;
  }

  /** The fields the payload carries; absent ones stay absent, for FS to refuse if it needs them. */
  private static void put(ObjectNode body, String field, String value) {
    if (value != null) {
      body.put(field, value);
    }
  }
}
