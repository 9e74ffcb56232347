package no.examhub.partner.proview;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Map;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHandler;
import no.examhub.dispatch.PartnerHttp;
import no.examhub.event.Command;
import no.examhub.event.Partner;
import no.examhub.event.Payload;
import no.examhub.event.Result;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.institution.PartnerCredentials;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.institution.PartnerEndpoints;
import no.examhub.platform.json.Json;

/**
 * Talview Proview (seed 002): after a termination callback to an institution, log in with that
 * institution's own Talview account (its Proview credentials: username and password), reuse the
 * token until shortly before {@code expires_in} ({@link ProviewTokens}), log in again on 401, and
 * fetch the session with its rating ({@code GET /v1/sessions/{uuid}} with {@code Authorization:
 * Bearer} and the institution's {@code partners.proview.appId}).
 *
 * <p>Whose session it is: the institution's own account's answer. Talview scopes sessions to the
 * account that owns them, so a session of another institution's account is not found with this
 * one's token (404), and the command fails permanently with {@link #NOT_OURS}: dead-lettered, no
 * rating filed. The callback's body is never trusted for this: a callback to A naming B's session
 * cannot make A file B's rating. Institutions that share one Talview account cannot be told apart
 * this way, which is why each needs its own (../shared/partners/README.md).
 */
public final class ProviewHandler implements PartnerHandler {
  public static final String NOT_OURS = "PROVIEW_SESSION_NOT_OURS";

  private final PartnerHttp http;
  private final InstitutionDirectory institutions;
  private final PartnerCredentialsRepository credentials;
  private final PartnerEndpoints endpoints;
  private final ProviewTokens tokens;

  public ProviewHandler(PartnerHttp http, InstitutionDirectory institutions, PartnerCredentialsRepository credentials,
      PartnerEndpoints endpoints, Clock clock) {
    this.http = http;
    this.institutions = institutions;
    this.credentials = credentials;
    this.endpoints = endpoints;
    this.tokens = new ProviewTokens(http, clock);
  }

  @Override
  public Partner partner() {
    return Partner.PROVIEW;
  }

  @Override
  public Result execute(Command command) throws PartnerFailure {
    if (!(command.payload() instanceof Payload.FetchSession fetch)) {
      throw PartnerFailure.permanent("UNKNOWN_OPERATION", "Proview cannot " + command.operation());
    }
    Institution institution = institutions.find(command.institution())
        .orElseThrow(() -> PartnerFailure.permanent("UNKNOWN_INSTITUTION", "no institution " + command.institution()));
    String api = endpoints.proview().orElseThrow(() -> PartnerFailure.permanent("NO_PROVIEW_ENDPOINT",
        "no Proview API configured (EXAMHUB_PROVIEW_URL)"));
    String appId = institution.partners().proview().appId();
    if (appId.isEmpty()) {
      throw PartnerFailure.permanent("NO_PROVIEW_APP_ID", "no partners.proview.appId for " + institution.shortName());
    }
    ProviewTokens.Account account = account(institution, endpoints.proviewAuth().orElse(api));
    String uuid = fetch.sessionUuid();
    String url = api + "/v1/sessions/" + uuid;
    String token = tokens.token(account, command.commandId());
    try {
      return proctoringResult(fetch(url, token, appId, command.commandId()));
    } catch (PartnerFailure f) {
      if (!"401".equals(f.code())) {
        throw notOursOr(f, institution);
      }
      tokens.refused(account, token);
    }
    try {
      return proctoringResult(fetch(url, tokens.token(account, command.commandId()), appId, command.commandId()));
    } catch (PartnerFailure f) {
      throw notOursOr(f, institution);
    }
  }

  private ProviewTokens.Account account(Institution institution, String authUrl) throws PartnerFailure {
    PartnerCredentials c = credentials.find(institution.shortName(), Partner.PROVIEW)
        .filter(p -> p.username() != null && !p.username().isBlank() && p.secret() != null && !p.secret().isEmpty())
        .orElseThrow(() -> PartnerFailure.permanent("NO_PROVIEW_CREDENTIALS",
            "no Talview account for " + institution.shortName() + " (PUT /api/institutions/"
                + institution.shortName() + "/credentials/proview)"));
    return new ProviewTokens.Account(authUrl, c.username(), c.secret());
  }

  private JsonNode fetch(String url, String token, String appId, String idempotencyKey) throws PartnerFailure {
    return http.get(url, idempotencyKey, Map.of("Authorization", "Bearer " + token, "app-id", appId));
  }

  /** Not found with the institution's own account: the session is not this institution's. */
  private static PartnerFailure notOursOr(PartnerFailure f, Institution institution) {
    return "404".equals(f.code())
        ? PartnerFailure.permanent(NOT_OURS, "the session is not one of " + institution.shortName()
            + "'s Talview account (Proview answered 404)")
        : f;
  }

  /** The proctoring outcome: the rating and what an examiner needs to judge it. */
  static Result.ProctoringSession proctoringResult(JsonNode session) {
    return new Result.ProctoringSession(Json.text(session, "uuid"), Json.text(session, "external_id"),
        Json.text(session, "final_rating"), Json.text(session, "status"), Json.text(session, "session_started_at"),
        Json.text(session, "session_ended_at"), Json.text(session, "title"), Json.text(session, "type"),
        session.get("system_info"));
  }
}
