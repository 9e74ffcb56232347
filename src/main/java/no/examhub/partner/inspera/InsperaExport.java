package no.examhub.partner.inspera;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.DurableProducer;

/**
 * The test-events export of seed 000: order it ({@code POST /v1/test/{testId}/events}, answering a
 * jobId), poll {@code GET /v1/test/{testId}/events?jobId=} until it is done, download the file from
 * the pre-signed URL at once (it lives only as long as the access token), and publish it as it is
 * parsed. Everything is published and acknowledged before the command succeeds; a failure anywhere
 * re-runs the whole export, and the candidate events' ids let consumers drop the repeats.
 */
final class InsperaExport {
  private final DurableProducer producer;
  private final HttpClient download;
  private final Duration pollInterval;
  private final int maxPolls;

  InsperaExport(DurableProducer producer, Duration connectTimeout, Duration pollInterval, int maxPolls) {
    this.producer = producer;
    this.download = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    this.pollInterval = pollInterval;
    this.maxPolls = maxPolls;
  }

  /** Result {testId, candidates, events, flagged}. */
  JsonNode run(InsperaClient api, String institution, String testId, Instant now) throws PartnerFailure {
    String jobId = api.post("/v1/test/" + testId + "/events", Map.of()).path("jobId").asText(null);
    if (jobId == null) {
      throw PartnerFailure.permanent("UNREADABLE_ANSWER", "Inspera ordered the export but answered no jobId");
    }
    String url = awaitDownloadUrl(api, testId, jobId);
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
    ObjectNode result = Json.MAPPER.createObjectNode();
    result.put("testId", testId);
    result.put("candidates", counts.candidates());
    result.put("events", counts.events());
    result.put("flagged", publisher.flagged());
    return result;
  }

  private String awaitDownloadUrl(InsperaClient api, String testId, String jobId) throws PartnerFailure {
    for (int poll = 1; poll <= maxPolls; poll++) {
      JsonNode status = api.get("/v1/test/" + testId + "/events?jobId=" + jobId);
      String state = status.path("status").asText("");
      if ("DONE".equalsIgnoreCase(state) || "FINISHED".equalsIgnoreCase(state)) {
        String url = status.path("url").asText(null);
        if (url == null) {
          throw PartnerFailure.permanent("UNREADABLE_ANSWER", "export job done without a download url");
        }
        return url;
      }
      if ("FAILED".equalsIgnoreCase(state)) {
        throw PartnerFailure.retryable("EXPORT_FAILED", "Inspera's export job for test " + testId + " failed");
      }
      sleep(pollInterval);
    }
    throw PartnerFailure.retryable("EXPORT_NOT_READY", "export of test " + testId + " not done after " + maxPolls + " polls");
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
    }
    if (response.statusCode() / 100 != 2) {
      closeQuietly(response.body());
      // An expired URL (403) is not final: the retry orders a new export and gets a fresh one.
      throw PartnerFailure.retryable(Integer.toString(response.statusCode()), "export download answered " + response.statusCode());
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

  private static void sleep(Duration d) throws PartnerFailure {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PartnerFailure.retryable("INTERRUPTED", "interrupted");
    }
  }
}
