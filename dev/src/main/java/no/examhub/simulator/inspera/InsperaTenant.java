package no.examhub.simulator.inspera;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One Inspera tenant ({@code https://<domain>/api}): its own client id, integration users' API
 * keys, issued access tokens, tests, explanations, subscriptions and the effects applied to it.
 * Nothing is shared between tenants, as nothing is in Inspera.
 */
public final class InsperaTenant {
  /**
   * A token exchange as the tenant received it, so a test can pin the request exactly; {@code
   * codeIsApiKey} says whether the {@code code} header held one of the tenant's API keys (the key
   * itself is not kept).
   */
  public record Exchange(String method, String path, String query, boolean codeIsApiKey, String contentType,
      int bodyLength, int status) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String domain;
  private final String clientId;
  private final Set<String> apiKeys = ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Object>> tests = new ConcurrentHashMap<>();
  private final Map<String, List<Map<String, Object>>> explanations = new ConcurrentHashMap<>();
  private final List<InsperaSimulator.Applied> applied = new CopyOnWriteArrayList<>();
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final InsperaSubscriptions subscriptions = new InsperaSubscriptions();
  private volatile Duration tokenLifetime = Duration.ofHours(1);
  private volatile int searchPageSize = 10;
  private final java.util.concurrent.atomic.AtomicInteger conflicts = new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean refuseTokens;

  InsperaTenant(String domain, String clientId) {
    this.domain = domain;
    this.clientId = clientId;
  }

  public String domain() {
    return domain;
  }

  public String clientId() {
    return clientId;
  }

  /** An integration user's API key, valid for the token exchange on this tenant only. */
  public InsperaTenant withApiKey(String apiKey) {
    apiKeys.add(apiKey);
    return this;
  }

  /** How long the access tokens issued from now on live (Inspera: about an hour). */
  public InsperaTenant tokenLifetime(Duration lifetime) {
    this.tokenLifetime = lifetime;
    return this;
  }

  /** How many results a search page holds, so a test can make a search span pages. */
  public InsperaTenant searchPageSize(int size) {
    this.searchPageSize = size;
    return this;
  }

  int searchPageSize() {
    return searchPageSize;
  }

  /** The next {@code count} exchanges answer 409 "Multiple tokens for user", as when another client races us. */
  public InsperaTenant conflictNextExchanges(int count) {
    conflicts.set(count);
    return this;
  }

  boolean takeConflict() {
    return conflicts.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  /** Every API call answers 401 whatever the token, as when the integration user lost its rights. */
  public InsperaTenant refuseTokens(boolean refuse) {
    this.refuseTokens = refuse;
    return this;
  }

  /** Every token issued so far stops working, as when Inspera revokes them. */
  public void revokeTokens() {
    tokens.clear();
  }

  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  void recordExchange(Exchange e) {
    exchanges.add(e);
  }

  boolean knowsKey(String key) {
    byte[] given = key.getBytes(StandardCharsets.UTF_8);
    boolean known = false;
    for (String k : apiKeys) {
      known |= MessageDigest.isEqual(k.getBytes(StandardCharsets.UTF_8), given);
    }
    return known;
  }

  String issueToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    tokens.put(token, Instant.now().plus(tokenLifetime));
    return token;
  }

  long tokenLifetimeSeconds() {
    return tokenLifetime.toSeconds();
  }

  /** Looked up by value in a map: the simulator's tokens guard loopback fakes, not secrets. */
  boolean liveToken(String token) {
    Instant expires = tokens.get(token);
    return !refuseTokens && expires != null && Instant.now().isBefore(expires);
  }

  public void putTest(Map<String, Object> test) {
    tests.put(test.get("assessmentRunId").toString(), test);
  }

  Map<String, Object> test(String testId) {
    return tests.get(testId);
  }

  Iterable<Map<String, Object>> tests() {
    return tests.values();
  }

  public void putPublishedExplanation(String testId, Map<String, Object> explanation) {
    explanations.computeIfAbsent(testId, t -> new CopyOnWriteArrayList<>()).add(explanation);
  }

  List<Map<String, Object>> explanations(String testId) {
    return explanations.getOrDefault(testId, List.of());
  }

  void apply(InsperaSimulator.Applied a) {
    applied.add(a);
  }

  public List<InsperaSimulator.Applied> applied() {
    return List.copyOf(applied);
  }

  public InsperaSubscriptions subscriptions() {
    return subscriptions;
  }
}
