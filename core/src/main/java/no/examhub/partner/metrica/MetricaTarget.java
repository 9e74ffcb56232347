package no.examhub.partner.metrica;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;

/**
 * The path and query Examhub sends to Metrica, built from the route's decoded parameters, each
 * checked: an id is letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or
 * digit (so never {@code ..}, a slash, a percent sign or a space); a version is {@code v1},
 * {@code v2}...; a query parameter must be one the route knows, once, with a plain value. Anything
 * else is {@code 400 70417} and nothing is sent.
 */
final class MetricaTarget {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern VERSION = Pattern.compile("v[0-9]{1,3}");
  private static final Pattern QUERY_VALUE = Pattern.compile("[A-Za-z0-9._:+-]{1,64}");

  private final Context ctx;
  private final List<String> allowedQuery;
  private final StringBuilder path = new StringBuilder();

  private MetricaTarget(Context ctx, List<String> allowedQuery) {
    this.ctx = ctx;
    this.allowedQuery = allowedQuery;
  }

  static MetricaTarget of(Context ctx, List<String> allowedQuery) {
    return new MetricaTarget(ctx, allowedQuery);
  }

  MetricaTarget literal(String segment) {
    path.append('/').append(segment);
    return this;
  }

  MetricaTarget version(String param) {
    return checked(param, VERSION);
  }

  MetricaTarget id(String param) {
    return checked(param, ID);
  }

  private MetricaTarget checked(String param, Pattern pattern) {
    String value = ctx.pathParam(param);
    if (!pattern.matcher(value).matches()) {
      throw invalid(param + " is not a valid id.");
    }
    path.append('/').append(value);
    return this;
  }

  /** The path and, with only known parameters, the query rebuilt and encoded. */
  String build() {
    StringBuilder query = new StringBuilder();
    for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
      if (!allowedQuery.contains(e.getKey())) {
        throw invalid("Unknown query parameter; this resource takes " + (allowedQuery.isEmpty() ? "none" : allowedQuery) + ".");
      }
      if (e.getValue().size() != 1 || !QUERY_VALUE.matcher(e.getValue().get(0)).matches()) {
        throw invalid("Query parameter " + e.getKey() + " must be given once, with a plain value.");
      }
      query.append(query.length() == 0 ? '?' : '&').append(e.getKey()).append('=')
          .append(URLEncoder.encode(e.getValue().get(0), StandardCharsets.UTF_8));
    }
    return path.toString() + query;
  }

  private static ApiException invalid(String message) {
    return new ApiException(ErrorCode.INVALID_PATH, message);
  }
}
