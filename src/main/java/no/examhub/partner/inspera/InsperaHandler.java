package no.examhub.partner.inspera;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHandler;
import no.examhub.dispatch.PartnerHttp;
import no.examhub.event.Command;
import no.examhub.event.Partner;
import no.examhub.flow.cases.Operations;
import no.examhub.institution.PartnerCredentials;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.platform.kafka.DurableProducer;

/**
 * Inspera's commands (seeds 003 and 000): appeals, explanations, test metadata for the archive, and
 * the test-events export. Each institution has its own Inspera API key ({@code partner_credentials}),
 * sent as {@code Authorization: Bearer}; an institution without one is a permanent failure, so the
 * command waits on the dead-letter topic until an operator configures it and replays.
 */
public final class InsperaHandler implements PartnerHandler {
  /** How the export job is polled: the default waits up to a minute and a half for Inspera. */
  public record ExportPolling(Duration interval, int maxPolls) {
    public static final ExportPolling DEFAULT = new ExportPolling(Duration.ofSeconds(1), 90);
  }

  private final PartnerHttp http;
  private final String baseUrl;
  private final PartnerCredentialsRepository credentials;
  private final InsperaExport export;
  private final Clock clock;

  public InsperaHandler(PartnerHttp http, String baseUrl, PartnerCredentialsRepository credentials,
      DurableProducer producer, Duration connectTimeout, ExportPolling polling, Clock clock) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.credentials = credentials;
    this.export = new InsperaExport(producer, connectTimeout, polling.interval(), polling.maxPolls());
    this.clock = clock;
  }

  @Override
  public Partner partner() {
    return Partner.INSPERA;
  }

  @Override
  public JsonNode execute(Command command) throws PartnerFailure {
    InsperaClient api = new InsperaClient(http, baseUrl, apiKey(command.institution()), command.commandId());
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
      case Operations.EXPORT_TEST_EVENTS -> export.run(api, command.institution(),
          InsperaClient.required(InsperaCaseOperations.text(payload, "testId"), "testId"), clock.instant());
      default -> throw PartnerFailure.permanent("UNKNOWN_OPERATION", "Inspera cannot " + command.operation());
    };
  }

  private String apiKey(String institution) throws PartnerFailure {
    return credentials.find(institution, Partner.INSPERA).map(PartnerCredentials::secret)
        .orElseThrow(() -> PartnerFailure.permanent("NO_CREDENTIALS", "no Inspera API key configured for " + institution));
  }
}
