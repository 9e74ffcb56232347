package no.examhub.partner.archive;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHandler;
import no.examhub.dispatch.PartnerHttp;
import no.examhub.event.Command;
import no.examhub.event.Partner;
import no.examhub.flow.cases.Operations;
import no.examhub.institution.PartnerCredentials;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.platform.json.Json;

/**
 * Files a master thesis in the institution's archive. The seeds name no archive API, so Examhub
 * defines one: {@code POST {archiveUrl}/v1/records} with the record of {@link ArchiveRecord}
 * (seed 003's "mappingsdokument": who, which exam, what grade, when, which files), the
 * institution's token as {@code Authorization: Bearer}, and the command id as
 * {@code Idempotency-Key}; the archive answers {@code {"archiveId": ...}}, which is the result.
 */
public final class ArchiveHandler implements PartnerHandler {
  private final PartnerHttp http;
  private final String baseUrl;
  private final PartnerCredentialsRepository credentials;

  public ArchiveHandler(PartnerHttp http, String baseUrl, PartnerCredentialsRepository credentials) {
    this.http = http;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.credentials = credentials;
  }

  @Override
  public Partner partner() {
    return Partner.ARCHIVE;
  }

  @Override
  public JsonNode execute(Command c) throws PartnerFailure {
    if (!Operations.ARCHIVE_THESIS.equals(c.operation())) {
      throw PartnerFailure.permanent("UNKNOWN_OPERATION", "the archive cannot " + c.operation());
    }
    String token = credentials.find(c.institution(), Partner.ARCHIVE).map(PartnerCredentials::secret)
        .orElseThrow(() -> PartnerFailure.permanent("NO_CREDENTIALS", "no archive credentials for " + c.institution()));
    JsonNode answer = http.post(baseUrl + "/v1/records", ArchiveRecord.of(c.payload()), c.commandId(),
        Map.of("Authorization", "Bearer " + token));
    String archiveId = answer.path("archiveId").asText("");
    if (archiveId.isBlank()) {
      throw PartnerFailure.permanent("UNREADABLE_ANSWER", "the archive answered no archiveId");
    }
    return Json.MAPPER.createObjectNode().put("archiveId", archiveId);
  }
}
