package no.examhub.partner.proctoring;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import no.examhub.event.Topics;
import no.examhub.flow.proctoring.RosterStore;
import no.examhub.ingress.RawIngress;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.Authenticated;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.RecordWriter;

/**
 * {@code POST /webhooks/proctoring/{institution}}: the proctoring vendor's (ExamJoint) webhooks.
 * {@code verify_respondent} is answered synchronously from the roster in this instance's memory
 * (the vendor waits at most 60 s for {@code metadata} or {@code errorMessage}); the asynchronous
 * events are stored raw, keyed {@code institution/exam_id}, and answered 200 on the broker's ack.
 */
public final class ProctoringWebhookRoutes implements HttpRoutes {
  public static final String SOURCE = "proctoring";
  public static final String PATH = "/webhooks/proctoring/{institution}";
  static final Set<String> ASYNC_EVENTS = Set.of("admitted_respondent", "result_ready", "investigation_complete");
  private static final byte[] ACCEPTED = Json.bytes(Map.of("status", "accepted"));

  private final InstitutionDirectory institutions;
  private final RawIngress ingress;
  private final RespondentVerifier verifier;
  private final VerificationRecorder recorder;

  private final MeterRegistry registry;

  /**
   * @param maxFailures refused attempts per respondent and exam within {@code failureWindow} before 429
   */
  public ProctoringWebhookRoutes(InstitutionDirectory institutions, RawIngress ingress, RosterStore roster,
      AccessCodeKey key, int maxFailures, Duration failureWindow, RecordWriter producer, Duration ackTimeout,
      MeterRegistry registry, Clock clock) {
    this.institutions = institutions;
    this.ingress = ingress;
    this.registry = registry;
    this.verifier = new RespondentVerifier(roster, key,
        new VerifyAttempts(maxFailures, failureWindow, clock, VerifyAttempts.MAX_TRACKED, registry));
    this.recorder = new VerificationRecorder(producer, ackTimeout, registry, clock);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post(PATH, this::receive);
  }

  private void receive(Context ctx) {
    Institution institution = ingress.activeInstitution(institutions, SOURCE, ctx.pathParam("institution"));
    ErrorCode refused = ProctoringCredentials.check(ctx, institution.secrets());
    if (refused == ErrorCode.MISSING_CREDENTIALS) {
      throw reject(refused, "Missing x-client-id or x-client-secret header.");
    } else if (refused != null) {
      throw reject(refused, "Invalid x-client-id or x-client-secret.");
    }
    Authenticated.as(ctx, institution.shortName());
    requireJsonOrNoContentType(ctx);
    ProctoringWebhook hook = parse(ctx.bodyAsBytes());
    if (ProctoringWebhook.VERIFY_RESPONDENT.equals(hook.event())) {
      verify(ctx, institution.shortName(), hook);
    } else if (ASYNC_EVENTS.contains(hook.event())) {
      store(ctx, institution.shortName(), hook);
    } else {
      throw reject(ErrorCode.MALFORMED_REQUEST, "Unknown event; expected one of verify_respondent, "
          + "admitted_respondent, result_ready, investigation_complete.");
    }
  }

  private void verify(Context ctx, String institution, ProctoringWebhook hook) {
    long started = System.nanoTime();
    requirePresent(hook.examId(), "exam_id");
    RespondentVerifier.Outcome outcome;
    try {
      outcome = verifier.verify(institution, hook);
    } catch (RosterStore.Unavailable e) {
      ingress.rejected(SOURCE, ErrorCode.BACKEND_DOWN);
      throw new ApiException(ErrorCode.BACKEND_DOWN, "The roster is being loaded; please retry shortly.",
          Map.of("Retry-After", "1"));
    }
    if (outcome.rejection() == Rejection.TOO_MANY_ATTEMPTS) {
      registry.counter("examhub.proctoring.verifications", "outcome", Rejection.TOO_MANY_ATTEMPTS.name()).increment();
      ingress.rejected(SOURCE, ErrorCode.RATE_LIMITED);
      throw new ApiException(ErrorCode.RATE_LIMITED, Rejection.TOO_MANY_ATTEMPTS.message(hook.choosenLang()),
          Map.of("Retry-After", Long.toString(Math.max(1, outcome.retryAfter().toSeconds() + 1))));
    }
    VerifyAnswer answer = outcome.admitted() != null
        ? VerifyAnswer.admitted(outcome.admitted())
        : VerifyAnswer.rejected(outcome.rejection(), hook.choosenLang());
    recorder.recordThenAnswer(ctx, institution, hook.examId(), outcome, answer, started);
  }

  private void store(Context ctx, String institution, ProctoringWebhook hook) {
    requirePresent(hook.examId(), "exam_id");
    requirePresent(hook.respondentId(), "respondent_id");
    ingress.accept(ctx, Topics.RAW_PROCTORING, SOURCE, institution, institution + "/" + hook.examId(), 200, ACCEPTED);
  }

  private ProctoringWebhook parse(byte[] body) {
    ProctoringWebhook hook;
    try {
      hook = Json.MAPPER.readValue(body, ProctoringWebhook.class);
    } catch (IOException e) {
      throw reject(ErrorCode.MALFORMED_REQUEST, "Body is not a valid proctoring webhook (JSON object expected).");
    }
    if (hook == null) {
      throw reject(ErrorCode.MALFORMED_REQUEST, "Body is not a valid proctoring webhook (JSON object expected).");
    }
    requirePresent(hook.event(), "event");
    return hook;
  }

  private void requirePresent(String value, String name) {
    if (value == null || value.isBlank()) {
      throw reject(ErrorCode.MALFORMED_REQUEST, name + " is missing.");
    }
  }

  private void requireJsonOrNoContentType(Context ctx) {
    String type = ctx.contentType();
    if (type != null && !type.isBlank() && !type.toLowerCase().contains("json")) {
      throw reject(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json.");
    }
  }

  private ApiException reject(ErrorCode code, String message) {
    return ingress.reject(SOURCE, code, message);
  }
}
