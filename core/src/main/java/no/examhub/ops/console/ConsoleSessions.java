package no.examhub.ops.console;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import no.examhub.platform.crypto.Hmac;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The console's server-side sessions, in MongoDB {@code console_sessions}, so that every instance
 * behind a load balancer knows every session: a session opened on one is accepted on another, and
 * a sign-out on one ends it on all. The cookie holds {@code selector.verifier}, two random values
 * (128 and 256 bits): the document's {@code _id} is the selector, and it keeps only the verifier's
 * SHA-256, compared in constant time, so neither the cookie nor the operator's token is stored in
 * clear (a session holds the token's hash, by which the operator is looked up again on every
 * request, {@code ApiClientDirectory#byTokenHash}). The CSRF token of its forms is kept with it.
 *
 * <p>A session ends after an idle hour, after twelve hours in all, and on sign-out. The store may
 * have no TTL index (the embedded mongo-java-server ignores them), so each document carries its
 * own end times: a request checks them, and every sign-in deletes the expired ones. Endings are
 * counted in {@code examhub_console_sessions_ended_total{reason}}.
 */
final class ConsoleSessions {
  static final String COLLECTION = "console_sessions";
  static final Duration IDLE = Duration.ofHours(1);
  static final Duration MAX_AGE = Duration.ofHours(12);
  /** Sessions are cheap, but a flood of logins must not grow the store without bound. */
  static final int MAX_SESSIONS = 10_000;
  /** Last-seen is written at most this often: a page view is not a store write each time. */
  static final Duration TOUCH = Duration.ofMinutes(1);

  /** @param csrf the token the session's forms carry back (SameSite=Strict already stops most forgery) */
  record Session(String tokenHash, String csrf, Instant createdAt, Instant lastSeen) {
    boolean liveAt(Instant now) {
      return now.isBefore(lastSeen.plus(IDLE)) && now.isBefore(createdAt.plus(MAX_AGE));
    }
  }

  private final SecureRandom random = new SecureRandom();
  private final MongoCollection<Document> collection;
  private final MeterRegistry registry;

  ConsoleSessions(MongoDatabase database, MeterRegistry registry) {
    this.collection = database.getCollection(COLLECTION);
    this.registry = registry;
  }

  /** A new session for the operator whose token hashes to {@code tokenHash}; returns the cookie's value. */
  String open(String tokenHash, Instant now) {
    purgeExpired(now);
    if (collection.countDocuments() >= MAX_SESSIONS) {
      // The oldest go first: a flood of logins ends the flood's own sessions before anyone's current one.
      Document oldest = collection.find().sort(Sorts.ascending("lastSeen")).limit(1).first();
      if (oldest != null && collection.deleteOne(Filters.eq("_id", oldest.get("_id"))).getDeletedCount() > 0) {
        ended("evicted");
      }
    }
    String selector = randomToken(16);
    String verifier = randomToken(32);
    collection.insertOne(new Document("_id", selector).append("verifierHash", Hmac.sha256Hex(verifier))
        .append("tokenHash", tokenHash).append("csrf", randomToken(32)).append("createdAt", Date.from(now))
        .append("lastSeen", Date.from(now)).append("idleUntil", Date.from(now.plus(IDLE)))
        .append("endsAt", Date.from(now.plus(MAX_AGE))));
    return selector + "." + verifier;
  }

  /** The live session of this cookie, its idle time restarted; empty for an unknown, ended or expired one. */
  Optional<Session> find(String cookie, Instant now) {
    Optional<Document> doc = document(cookie);
    if (doc.isEmpty()) {
      return Optional.empty();
    }
    Document d = doc.get();
    Session s = new Session(d.getString("tokenHash"), d.getString("csrf"), d.getDate("createdAt").toInstant(),
        d.getDate("lastSeen").toInstant());
    if (!s.liveAt(now)) {
      if (collection.deleteOne(Filters.eq("_id", d.get("_id"))).getDeletedCount() > 0) {
        ended("expired");
      }
      return Optional.empty();
    }
    if (!now.isBefore(s.lastSeen().plus(TOUCH))) {
      collection.updateOne(Filters.eq("_id", d.get("_id")), Updates.combine(Updates.set("lastSeen", Date.from(now)),
          Updates.set("idleUntil", Date.from(now.plus(IDLE)))));
      s = new Session(s.tokenHash(), s.csrf(), s.createdAt(), now);
    }
    return Optional.of(s);
  }

  /** Signs out: the session ends on every instance. */
  void close(String cookie) {
    document(cookie).ifPresent(d -> {
      if (collection.deleteOne(Filters.eq("_id", d.get("_id"))).getDeletedCount() > 0) {
        ended("signed-out");
      }
    });
  }

  long size() {
    return collection.countDocuments();
  }

  /** Deletes every session past its idle or total end; returns how many. */
  long purgeExpired(Instant now) {
    Bson expired = Filters.or(Filters.lte("idleUntil", Date.from(now)), Filters.lte("endsAt", Date.from(now)));
    long n = collection.deleteMany(expired).getDeletedCount();
    if (n > 0) {
      registry.counter("examhub.console.sessions.ended", "reason", "expired").increment(n);
    }
    return n;
  }

  /** The session document whose selector and verifier the cookie carries; the verifier compared in constant time. */
  private Optional<Document> document(String cookie) {
    if (cookie == null) {
      return Optional.empty();
    }
    int dot = cookie.indexOf('.');
    if (dot <= 0 || dot == cookie.length() - 1) {
      return Optional.empty();
    }
    Document d = collection.find(Filters.eq("_id", cookie.substring(0, dot))).first();
    if (d == null || !Hmac.equal(d.getString("verifierHash"), Hmac.sha256Hex(cookie.substring(dot + 1)))) {
      return Optional.empty();
    }
    return Optional.of(d);
  }

  private void ended(String reason) {
    registry.counter("examhub.console.sessions.ended", "reason", reason).increment();
  }

  private String randomToken(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
