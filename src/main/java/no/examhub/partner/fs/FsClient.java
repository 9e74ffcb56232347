package no.examhub.partner.fs;

import com.fasterxml.jackson.core.type.TypeReference;
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
import java.util.List;
import no.examhub.event.ExamSystem;
import no.examhub.platform.json.Json;

/**
 * FS's digital-exam REST API (FSWS "digitaleksamen", seed 003), the four reads the poller needs.
 *
 * <p>{@code siden} is sent as UTC to the second with a {@code Z}, e.g.
 * {@code 2026-11-24T07:00:00Z}: an offset leaves no doubt across daylight-saving changes, and
 * {@code Z} needs no URL escaping where {@code +01:00} would. Every failure (unreachable, non-2xx,
 * unreadable answer) is an {@link FsException} whose message carries nothing of the answer.
 *
 * <p>FS credentials (FSWS basic auth per institution) are a later issue: requests go unauthenticated.
 */
final class FsClient {
  static final DateTimeFormatter SIDEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final TypeReference<List<FsKlage>> KLAGER = new TypeReference<>() {};
  private static final TypeReference<List<FsBegrunnelseForesporsel>> BEGRUNNELSER = new TypeReference<>() {};

  private final String baseUrl;
  private final HttpClient http;
  private final Duration readTimeout;

  FsClient(String baseUrl, Duration connectTimeout, Duration readTimeout) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    this.readTimeout = readTimeout;
  }

  /** {@code GET /eksamen/klager/{examSystem}?institusjonsnr=..&siden=..}: appeals changed since. */
  List<FsKlage> appealsSince(ExamSystem system, String institutionNumber, Instant since) {
    return get("/eksamen/klager/" + system + changedSince(institutionNumber, since), KLAGER);
  }

  /** {@code GET /eksamen/begrunnelse/{examSystem}?institusjonsnr=..&siden=..}. */
  List<FsBegrunnelseForesporsel> explanationRequestsSince(ExamSystem system, String institutionNumber,
      Instant since) {
    return get("/eksamen/begrunnelse/" + system + changedSince(institutionNumber, since), BEGRUNNELSER);
  }

  /** {@code GET /eksamen/klager/{examSystem}/{examId}}: every appeal on one exam. */
  List<FsKlage> appealsOf(ExamSystem system, String examId) {
    return get("/eksamen/klager/" + system + "/" + encode(examId), KLAGER);
  }

  /** {@code GET /eksamen/begrunnelser/{examSystem}/{examId}}: every explanation request on one exam. */
  List<FsBegrunnelseForesporsel> explanationRequestsOf(ExamSystem system, String examId) {
    return get("/eksamen/begrunnelser/" + system + "/" + encode(examId), BEGRUNNELSER);
  }

  static String siden(Instant since) {
    return SIDEN.format(since.truncatedTo(ChronoUnit.SECONDS));
  }

  private static String changedSince(String institutionNumber, Instant since) {
    return "?institusjonsnr=" + encode(institutionNumber) + "&siden=" + encode(siden(since));
  }

  private <T> List<T> get(String pathAndQuery, TypeReference<List<T>> type) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
        .timeout(readTimeout).header("Accept", "application/json").GET().build();
    HttpResponse<byte[]> response = send(request);
    if (response.statusCode() / 100 != 2) {
      throw new FsException("FS answered " + response.statusCode() + " to " + request.uri().getPath());
    }
    try {
      List<T> records = Json.MAPPER.readValue(response.body(), type);
      return records == null ? List.of() : records;
    } catch (IOException e) {
      // Jackson's message quotes the answer, which holds person numbers: name the class only.
      throw new FsException("FS's answer to " + request.uri().getPath() + " is not a JSON list of records ("
          + e.getClass().getSimpleName() + ")");
    }
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
