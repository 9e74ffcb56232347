package no.examhub.partner.metrica;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import no.examhub.testing.Http;

/** Requests as Metrica's clients send them: a bearer token, JSON bodies. */
final class BearerRequests {
  private BearerRequests() {}

  static HttpResponse<String> send(String url, String method, String body, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return Http.send(b.build());
  }

  static void assertError(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.body()).contains("\"errorCode\":\"" + code + "\"");
  }
}
