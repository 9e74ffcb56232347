package no.examhub.simulator.fs;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import no.examhub.platform.crypto.Hmac;

/**
 * The FSWS users of one FS server. FS orders users per institution (../shared/partners/README.md),
 * so a user reads its own institution's records only, and a server knows only its own users: a
 * test server's user is unknown to production.
 *
 * <p>Refusal, as FSWS's web server answers Basic authentication it does not accept (an
 * assumption: FS publishes no error body for it): {@code 401} with
 * {@code WWW-Authenticate: Basic realm="FSWS"} and a plain-text body, whether the header is
 * missing, malformed, names an unknown user or the wrong password.
 */
final class FsUsers {
  /** An FSWS user and the institution (institusjonsnr) it was ordered for. */
  record User(String username, String institusjonsnr) {}

  private record Account(String password, String institusjonsnr) {}

  private final Map<String, Account> accounts = new ConcurrentHashMap<>();

  void add(String username, String password, String institusjonsnr) {
    accounts.put(username, new Account(password, institusjonsnr));
  }

  /** The authenticated user, or empty after answering 401 the way FSWS does. */
  Optional<User> authenticate(Context ctx) {
    Optional<User> user = parse(ctx.header("Authorization"));
    if (user.isEmpty()) {
      ctx.status(401).header("WWW-Authenticate", "Basic realm=\"FSWS\"").contentType("text/plain")
          .result("Unauthorized");
    }
    return user;
  }

  private Optional<User> parse(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    String username = decoded.substring(0, colon);
    Account account = accounts.get(username);
    // Compared in constant time; an unknown user is compared too, so timing does not tell users apart.
    boolean matches = Hmac.equal(account == null ? "\u0000unknown" : account.password(), decoded.substring(colon + 1));
    return account != null && matches ? Optional.of(new User(username, account.institusjonsnr())) : Optional.empty();
  }
}
