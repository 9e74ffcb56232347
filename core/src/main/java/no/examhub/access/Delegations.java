package no.examhub.access;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;

/**
 * Lets one instance ask another for what only that one holds on behalf of a console operator, whose
 * session keeps no token to forward: a delegation names the operator by id, and is signed with a
 * key every instance of the deployment derives from {@code EXAMHUB_ACCESS_CODE_KEY}. It is good for
 * {@link #LIFETIME}, for one instance (its advertised URL), one method, path and query (what the
 * signer is about to send), and once: whoever copies it can neither keep it nor aim it elsewhere. The receiver loads the operator
 * again by id and applies that operator's own scopes, expiry and institutions, so a delegation
 * grants nothing the operator's token would not.
 *
 * <p>{@code X-Examhub-Delegation: v1.<client id>.<expires, epoch ms>.<request id>.<HMAC-SHA256>},
 * the id parts base64url. A forged, misaimed or reused one is {@code 401 70401}, an expired one
 * {@code 401 70405}.
 */
public final class Delegations {
  public static final String HEADER = "X-Examhub-Delegation";
  /** What the key is derived for from the access-code key ({@code AccessCodeKey#derive}). */
  public static final String KEY_PURPOSE = "console-delegation";
  static final Duration LIFETIME = Duration.ofSeconds(30);
  /** Clocks of two instances may differ a little; never a delegation that lives much longer. */
  private static final Duration SKEW = Duration.ofSeconds(5);
  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final byte[] key;
  private final String self;
  private final ApiClientDirectory clients;
  private final Clock clock;
  /** Signatures already accepted, until they expire: a delegation is used once. */
  private final Map<String, Long> used = new ConcurrentHashMap<>();

  /**
   * @param key this deployment's delegation key (derived, never the access-code key itself)
   * @param self how the other instances reach this one ({@code EXAMHUB_ADVERTISED_URL}): the only
   *     audience whose delegations this instance accepts
   */
  public Delegations(byte[] key, Optional<String> self, ApiClientDirectory clients, Clock clock) {
    if (key == null || key.length < 32) {
      throw new IllegalArgumentException("a delegation key has at least 32 bytes");
    }
    this.key = key.clone();
    this.self = self.orElse("");
    this.clients = clients;
    this.clock = clock;
  }

  /** The header value that lets {@code operator} send exactly {@code method audience+pathAndQuery}. */
  public String sign(ApiClient operator, String audience, String method, String pathAndQuery, String requestId) {
    long expires = clock.instant().plus(LIFETIME).toEpochMilli();
    String id = encode(operator.clientId());
    String request = encode(requestId);
    return "v1." + id + "." + expires + "." + request + "." + B64.encodeToString(mac(id, expires, request, audience + " " + method, pathAndQuery));
  }

  /** Whether the request carries a delegation (which is then the only credential looked at). */
  public static boolean present(Context ctx) {
    return ctx.header(HEADER) != null;
  }

  /** The operator on whose behalf the request was sent, holding {@code scope}; otherwise throws. */
  public ApiClient require(Context ctx, String scope) {
    String[] parts = ctx.header(HEADER).trim().split("\\.", -1);
    if (parts.length != 5 || !"v1".equals(parts[0])) {
      throw forged();
    }
    long expires = parseLong(parts[2]);
    String query = ctx.queryString();
    byte[] expected = mac(parts[1], expires, parts[3], self + " " + ctx.method().name(), ctx.path() + (query == null ? "" : "?" + query));
    if (!Hmac.equal(expected, decode(parts[4]))) {
      throw forged();
    }
    long now = clock.millis();
    if (now >= expires) {
      throw new ApiException(ErrorCode.EXPIRED_TOKEN, "This delegation has expired.");
    }
    if (expires > now + LIFETIME.plus(SKEW).toMillis()) {
      throw forged();
    }
    used.values().removeIf(until -> until <= now);
    if (used.putIfAbsent(parts[4], expires) != null) {
      throw new ApiException(ErrorCode.INVALID_CREDENTIALS, "This delegation was already used.");
    }
    ApiClient operator = clients.byClientId(new String(decode(parts[1]), StandardCharsets.UTF_8))
        .orElseThrow(() -> new ApiException(ErrorCode.INVALID_CREDENTIALS, "The delegating operator is not known."));
    return BearerAuth.admit(ctx, operator, scope, clock);
  }

  private byte[] mac(String id, long expires, String request, String method, String pathAndQuery) {
    String content = String.join("\n", "examhub-delegation-v1", id, Long.toString(expires), request, method, pathAndQuery);
    return Hmac.sign(ALGORITHM, key, content.getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String value) {
    return B64.encodeToString(Optional.ofNullable(value).orElse("").getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] decode(String value) {
    try {
      return Base64.getUrlDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw forged();
    }
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw forged();
    }
  }

  private static ApiException forged() {
    return new ApiException(ErrorCode.INVALID_CREDENTIALS, "This delegation is not valid for this request.");
  }

  @Override
  public String toString() {
    return "Delegations[key hidden]";
  }
}
