package no.examhub.partner.inspera;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHandler;
import no.examhub.dispatch.PartnerHttp;
import no.examhub.event.Command;
import no.examhub.event.Partner;
import no.examhub.event.Payload;
import no.examhub.event.Result;
import no.examhub.institution.Institution;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.institution.PartnerEndpoints;
import no.examhub.platform.kafka.DurableProducer;

/**
 * Inspera's commands (seeds 003 and 000): appeals, explanations, test metadata for the archive, and
 * the test-events export. Each institution is its own Inspera tenant: its base URL comes from
 * {@link PartnerEndpoints} (the tenant's domain), its client id from its partner settings, and the
 * integration user's API key from {@code partner_credentials}; the key is exchanged for a token
 * ({@link InsperaTokens}). An institution without any of these is a permanent failure with its own
 * code, so the command waits on the dead-letter topic until an operator configures it and replays.
 */
public final class InsperaHandler implements PartnerHandler {
  private final PartnerHttp http;
  private final InsperaTenants tenants;
  private final InsperaTokens tokens;
  private final InsperaExport export;
  private final Clock clock;

  public InsperaHandler(PartnerHttp http, Function<String, Optional<Institution>> institutions,
      PartnerEndpoints endpoints, PartnerCredentialsRepository credentials, DurableProducer producer,
      Duration connectTimeout, Duration readTimeout, Clock clock) {
    this.http = http;
    this.tenants = new InsperaTenants(institutions, endpoints, credentials);
    this.tokens = new InsperaTokens(connectTimeout, readTimeout, clock);
    this.export = new InsperaExport(producer, connectTimeout);
    this.clock = clock;
  }

  @Override
  public Partner partner() {
    return Partner.INSPERA;
  }

  @Override
  public Result execute(Command command) throws PartnerFailure {
    InsperaClient api = new InsperaClient(http, tokens, tenants.of(command.institution()), command.commandId());
    Payload payload = command.payload();
    if (payload instanceof Payload.RegisterAppeal p) {
      return InsperaCaseOperations.registerAppeal(api, p);
    } else if (payload instanceof Payload.WithdrawAppeal p) {
      return InsperaCaseOperations.withdrawAppeal(api, p);
    } else if (payload instanceof Payload.EnableExplanationOption p) {
      return InsperaCaseOperations.enableExplanationOption(api, p);
    } else if (payload instanceof Payload.RequestExplanation p) {
      return InsperaCaseOperations.requestExplanation(api, p);
    } else if (payload instanceof Payload.FetchExplanation p) {
      return InsperaCaseOperations.fetchExplanation(api, p);
    } else if (payload instanceof Payload.FetchTestMetadata p) {
      String testId = InsperaClient.required(InsperaCaseOperations.present(p.testId()), "testId");
      return InsperaTestMetadata.result(testId, api.test(testId), clock.instant());
    } else if (payload instanceof Payload.ExportTestEvents p) {
      return export.order(api, InsperaClient.required(InsperaCaseOperations.present(p.testId()), "testId"));
    } else if (payload instanceof Payload.DownloadTestEvents p) {
      return export.download(api, command.institution(),
          InsperaClient.required(InsperaCaseOperations.present(p.testId()), "testId"),
          InsperaCaseOperations.present(p.jobId()), clock.instant());
    }
    throw PartnerFailure.permanent("UNKNOWN_OPERATION", "Inspera cannot " + command.operation());
  }
}
