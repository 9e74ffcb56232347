package no.examhub.partner.fs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import no.examhub.event.ExamSystem;
import no.examhub.platform.json.Json;

/**
 * One institution's reads of FS's digital-exam REST API (FSWS "digitaleksamen", seed 003): its FS
 * server (test or production, from its {@code fsEnv}) and its FSWS user, sent as HTTP Basic on
 * every call (../shared/partners/README.md: reads included).
 *
 * <p>{@code siden} is sent as UTC to the second with a {@code Z}, e.g.
 * {@code 2026-11-24T07:00:00Z}: an offset leaves no doubt across daylight-saving changes, and
 * {@code Z} needs no URL escaping where {@code +01:00} would. An answer is returned as its list's
 * elements, unread: one record Examhub cannot read must not fail the others ({@link FsFeed}).
 * Every failure of the call itself (unreachable, non-2xx, an answer that is not a JSON list) is an
 * {@link FsException} whose message carries nothing of the answer.
 */
final class FsClient {
  static final DateTimeFormatter SIDEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final String baseUrl;
  private final String authorization;
  private final HttpClient http;
  private final Duration readTimeout;

  /**
   * @param authorization the {@code Authorization} header's value ({@code Basic ...}); never logged
   */
  FsClient(String baseUrl, String authorization, HttpClient http, Duration readTimeout) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.authorization = authorization;
    this.http = http;
    this.readTimeout = readTimeout;
  }

  /** {@code GET /eksamen/{resource}/{examSystem}?institusjonsnr=..&siden=..}: records changed since. */
  List<JsonNode> changedSince(String resource, ExamSystem system, String institutionNumber, Instant since) {
    return get("/eksamen/" + resource + "/" + system + "?institusjonsnr=" + encode(institutionNumber)
        + "&siden=" + encode(siden(since)));
  }

  /** {@code GET /eksamen/{resource}/{examSystem}/{examId}}: every record of one exam. */
  List<JsonNode> ofExam(String resource, ExamSystem system, String examId) {
    return get("/eksamen/" + resource + "/" + system + "/" + encode(examId));
  }

  static String siden(Instant since) {
    return SIDEN.format(since.truncatedTo(ChronoUnit.SECONDS));
  }

  private List<JsonNode> get(String pathAndQuery) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
        .timeout(readTimeout).header("Accept", "application/json").header("Authorization", authorization)
        .GET().build();
    HttpResponse<byte[]> response = send(request);
    if (response.statusCode() / 100 != 2) {
      throw new FsException("FS answered " + response.statusCode() + " to " + request.uri().getPath());
    }
    JsonNode answer;
    try {
      answer = Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      // Jackson's message quotes the answer, which holds person numbers: name the class only.
      throw new FsException("FS's answer to " + request.uri().getPath() + " is not JSON ("
          + e.getClass().getSimpleName() + ")");
    }
    if (answer == null || answer.isNull() || answer.isMissingNode()) {
      return List.of();
    }
    if (!answer.isArray()) {
      throw new FsException("FS's answer to " + request.uri().getPath() + " is not a JSON list of records");
    }
    List<JsonNode> elements = new ArrayList<>(answer.size());
    answer.forEach(elements::add);
    return elements;
  }

  private HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new FsException("FS is unreachable at " + request.uri().getPath() + " (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FsException("interrupted while reading FS");
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
