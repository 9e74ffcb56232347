package no.examhub.partner.inspera;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHandler;
import no.examhub.dispatch.PartnerHttp;
import no.examhub.event.Command;
import no.examhub.event.Partner;
import no.examhub.flow.cases.Operations;
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
  public JsonNode execute(Command command) throws PartnerFailure {
    InsperaClient api = new InsperaClient(http, tokens, tenants.of(command.institution()), command.commandId());
    JsonNode payload = command.payload();
    return switch (command.operation()) {
      case Operations.REGISTER_APPEAL -> InsperaCaseOperations.registerAppeal(api, payload);
      case Operations.WITHDRAW_APPEAL -> InsperaCaseOperations.withdrawAppeal(api, payload);
      case Operations.ENABLE_EXPLANATION_OPTION -> InsperaCaseOperations.enableExplanationOption(api, payload);
      case Operations.REQUEST_EXPLANATION -> InsperaCaseOperations.requestExplanation(api, payload);
      case Operations.FETCH_EXPLANATION -> InsperaCaseOperations.fetchExplanation(api, payload);
      case Operations.FETCH_TEST_METADATA -> {
        String testId = InsperaClient.required(InsperaCaseOperations.text(payload, "testId"), "testId");
        yield InsperaTestMetadata.result(testId, api.test(testId), clock.instant());
      }
      case Operations.EXPORT_TEST_EVENTS -> export.order(api,
          InsperaClient.required(InsperaCaseOperations.text(payload, "testId"), "testId"));
      case Operations.DOWNLOAD_TEST_EVENTS -> export.download(api, command.institution(),
          InsperaClient.required(InsperaCaseOperations.text(payload, "testId"), "testId"),
          InsperaCaseOperations.text(payload, "jobId"), clock.instant());
      default -> throw PartnerFailure.permanent("UNKNOWN_OPERATION", "Inspera cannot " + command.operation());
    };
  }
}
