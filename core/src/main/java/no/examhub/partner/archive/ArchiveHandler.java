package no.examhub.partner.archive;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import no.examhub.dispatch.Changing;
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

/**
 * Files a master thesis in the institution's archive. The seeds name no archive API, so Examhub
 * defines one: {@code POST {archiveUrl}/v1/records} with the record of {@link ArchiveRecord}
 * (seed 003's "mappingsdokument": who, which exam, what grade, when, which files), the
 * institution's token as {@code Authorization: Bearer}, and the command id as
 * {@code Idempotency-Key}; the archive answers {@code {"archiveId": ...}}, which is the result.
 * Each institution has its own archive: {@code archiveUrl} comes from
 * {@link PartnerEndpoints#archive} per command (the override, the simulator's, or the
 * institution's {@code partners.archiveUrl}); an institution without one is a permanent failure
 * with a code, dead-lettered and replayable once configured.
 */
public final class ArchiveHandler implements PartnerHandler {
  private final PartnerHttp http;
  private final InstitutionDirectory institutions;
  private final PartnerEndpoints endpoints;
  private final PartnerCredentialsRepository credentials;

  public ArchiveHandler(PartnerHttp http, InstitutionDirectory institutions, PartnerEndpoints endpoints,
      PartnerCredentialsRepository credentials) {
    this.http = http;
    this.institutions = institutions;
    this.endpoints = endpoints;
    this.credentials = credentials;
  }

  @Override
  public Partner partner() {
    return Partner.ARCHIVE;
  }

  @Override
  public Result execute(Command c) throws PartnerFailure {
    if (!(c.payload() instanceof Payload.ArchiveThesis thesis)) {
      throw PartnerFailure.permanent("UNKNOWN_OPERATION", "the archive cannot " + c.operation());
    }
    Institution institution = institutions.find(c.institution())
        .orElseThrow(() -> PartnerFailure.permanent("UNKNOWN_INSTITUTION", "no institution " + c.institution()));
    String baseUrl = endpoints.archive(institution).orElseThrow(() -> PartnerFailure.permanent("NO_ARCHIVE_ENDPOINT",
        "no archive for " + c.institution() + " (partners.archiveUrl)"));
    String token = credentials.find(c.institution(), Partner.ARCHIVE).map(PartnerCredentials::secret)
        .orElseThrow(() -> PartnerFailure.permanent("NO_CREDENTIALS", "no archive credentials for " + c.institution()));
    JsonNode answer = Changing.call(null, () -> http.post(baseUrl + "/v1/records", ArchiveRecord.of(thesis),
        c.commandId(), Map.of("Authorization", "Bearer " + token)));
    String archiveId = answer.path("archiveId").asText("");
    if (archiveId.isBlank()) {
      throw Changing.unexpected("the archive answered no archiveId", null);
    }
    return new Result.Archived(archiveId);
  }
}
