package no.examhub.ops.console;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser's part in the console, over plain HTTP: the session cookie, the forms' CSRF token, no redirects followed. */
final class ConsoleSession {
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private final String baseUrl;
  private String cookie;
  private String csrf;

  ConsoleSession(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Signs in with the token; returns the login's answer. */
  HttpResponse<String> signIn(String token) {
    HttpResponse<String> r = post("/console/login", Map.of("token", token));
    r.headers().firstValue("Set-Cookie").ifPresent(c -> cookie = c.split(";", 2)[0]);
    if (r.statusCode() == 303) {
      get("/console/cases");
    }
    return r;
  }

  static ConsoleSession signedIn(String baseUrl, String token) {
    ConsoleSession s = new ConsoleSession(baseUrl);
    HttpResponse<String> r = s.signIn(token);
    if (r.statusCode() != 303) {
      throw new IllegalStateException("cannot sign in: " + r.statusCode());
    }
    return s;
  }

  HttpResponse<String> get(String path) {
    HttpResponse<String> r = send(request(path).GET());
    Matcher m = CSRF.matcher(r.body());
    if (m.find()) {
      csrf = m.group(1);
    }
    return r;
  }

  /** A form post carrying the session's CSRF token. */
  HttpResponse<String> submit(String path, Map<String, String> form) {
    Map<String, String> withCsrf = new LinkedHashMap<>(form);
    withCsrf.put("csrf", csrf);
    return post(path, withCsrf);
  }

  HttpResponse<String> post(String path, Map<String, String> form) {
    String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  String cookie() {
    return cookie;
  }

  void forgeCookie(String value) {
    cookie = value;
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    return cookie == null ? b : b.header("Cookie", cookie);
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
  }
}
