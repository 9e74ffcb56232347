package no.examhub.partner.inspera;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import no.examhub.dispatch.Changing;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.event.Result;
import no.examhub.platform.kafka.DurableProducer;

/**
 * The test-events export of seed 000 as two commands, so no dispatch worker ever waits for Inspera:
 * <ol>
 *   <li>{@link #order}: {@code POST /v1/test/{testId}/events} answers a jobId, which the outcome
 *       carries; the export flow turns it into a download command;</li>
 *   <li>{@link #download}: {@code GET /v1/test/{testId}/events?jobId=}; a job not done yet is a
 *       retryable {@code EXPORT_NOT_READY}, so the command is polled again when dispatch's backoff
 *       makes it due, and ends as a dead letter with that code when the attempts run out; a done job's
 *       pre-signed URL is downloaded at once (it lives only as long as the token) and published as it
 *       is parsed.</li>
 * </ol>
 * The finished-export webhook leads to the same download command (same test and job, so the same
 * command id), never to an order. Everything is published and acknowledged before the download
 * succeeds; a failure re-runs the download, and the candidate events' ids let consumers drop repeats.
 */
final class InsperaExport {
  private final DurableProducer producer;
  private final HttpClient download;

  InsperaExport(DurableProducer producer, Duration connectTimeout) {
    this.producer = producer;
    this.download = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /** Result {testId, jobId}. */
  Result.ExportOrdered order(InsperaClient api, String testId) throws PartnerFailure {
    Result.ExportOrdered known = new Result.ExportOrdered(testId, null);
    String jobId = Changing.call(known, () -> api.post("/v1/test/" + testId + "/events", Map.of()))
        .path("jobId").asText(null);
    if (jobId == null || jobId.isBlank()) {
      // Ordered all the same: the finished-export webhook still leads to the download.
      throw Changing.unexpected("Inspera ordered the export but answered no jobId", known);
    }
    return new Result.ExportOrdered(testId, jobId);
  }

  /** Result {testId, jobId, candidates, events, flagged}. */
  Result.ExportDownloaded download(InsperaClient api, String institution, String testId, String jobId, Instant now)
      throws PartnerFailure {
    if (jobId == null) {
      throw PartnerFailure.permanent("EXPORT_JOB_UNKNOWN", "no export job id for test " + testId
          + ": the finished-export event named none (an export is ordered only by an operator or the order command)");
    }
    String url = downloadUrl(api, testId, jobId);
    CandidateEventPublisher publisher = new CandidateEventPublisher(producer, institution, testId, now);
    TestEventsParser.Counts counts;
    try (InputStream file = open(url)) {
      counts = TestEventsParser.parse(file, publisher);
      publisher.awaitAll();
    } catch (JsonProcessingException e) {
      throw PartnerFailure.permanent("UNREADABLE_EXPORT", "the export of test " + testId + " is not valid JSON");
    } catch (IOException e) {
      throw PartnerFailure.retryable("DOWNLOAD_FAILED", "the export of test " + testId + " broke off: " + e.getClass().getSimpleName());
    } catch (CandidateEventPublisher.NotAcknowledged e) {
      throw PartnerFailure.retryable("KAFKA", e.getMessage());
    }
    return new Result.ExportDownloaded(testId, jobId, counts.candidates(), counts.events(), publisher.flagged());
  }

  private static String downloadUrl(InsperaClient api, String testId, String jobId) throws PartnerFailure {
    JsonNode status = api.get("/v1/test/" + testId + "/events?jobId=" + URLEncoder.encode(jobId, StandardCharsets.UTF_8));
    String state = status.path("status").asText("");
    if ("DONE".equalsIgnoreCase(state) || "FINISHED".equalsIgnoreCase(state)) {
      String url = status.path("url").asText(null);
      if (url == null) {
        throw PartnerFailure.permanent("UNREADABLE_ANSWER", "export job done without a download url");
      }
      return url;
    }
    if ("FAILED".equalsIgnoreCase(state)) {
      // Ordering again is an operator's decision (examhub export-events), never automatic.
      throw PartnerFailure.permanent("EXPORT_FAILED", "Inspera's export job for test " + testId + " failed");
    }
    throw PartnerFailure.retryable("EXPORT_NOT_READY", "export job for test " + testId + " is " + state
        + " (" + status.path("progress").asText("?") + "%)");
  }

  /** The pre-signed URL carries its own authorisation: no Authorization header (S3 refuses two). */
  private InputStream open(String url) throws PartnerFailure {
    HttpResponse<InputStream> response;
    try {
      response = download.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1)).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw PartnerFailure.retryable("DOWNLOAD_FAILED", "cannot download the export: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PartnerFailure.retryable("INTERRUPTED", "interrupted");
    } catch (IllegalArgumentException e) {
      throw PartnerFailure.permanent("UNREADABLE_ANSWER", "the export's download url is not a URL");
    }
    if (response.statusCode() / 100 != 2) {
      closeQuietly(response.body());
      // An expired URL (403) is not final: the retry polls the job again and gets a fresh URL.
      throw PartnerFailure.retryable("DOWNLOAD_" + response.statusCode(), "export download answered " + response.statusCode());
    }
    return response.body();
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // Nothing to read from it anyway.
    }
  }
}
