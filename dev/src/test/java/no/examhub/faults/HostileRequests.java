package no.examhub.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.simulator.DemoData;

/**
 * Generates hostile requests against every public endpoint: broken and deeply nested JSON, wrong
 * types, bodies over the limit, bad, replayed and wrongly keyed signatures, unknown institutions,
 * wrong methods and content types. Each is a {@link Probe}; a {@code valid} probe is a correctly
 * signed webhook that must be accepted while the hostile ones are answered.
 */
final class HostileRequests {
  record Probe(String kind, String method, String path, Map<String, String> headers, byte[] body, boolean valid) {}

  private static final String INSPERA = "/webhooks/inspera/demo";
  private static final List<String> ENDPOINTS = List.of(INSPERA, "/webhooks/proctoring/demo",
      "/webhooks/standard/demo/examjoint", "/webhooks/proview/demo/not-the-token", "/metrica/v1/results/event",
      "/api/roster/demo/exam-1", "/api/dead-letters/replay");
  private static final String[] METHODS = {"GET", "PUT", "DELETE", "PATCH"};

  private final DemoData.Credentials demo;
  private final int maxBodyBytes;
  private final Random random;

  HostileRequests(DemoData.Credentials demo, int maxBodyBytes, long seed) {
    this.demo = demo;
    this.maxBodyBytes = maxBodyBytes;
    this.random = new Random(seed);
  }

  /** The n-th probe: every 10th is valid traffic, the rest cycle through the hostile kinds. */
  Probe next(int n) {
    if (n % 10 == 0) {
      return signed("valid", INSPERA, webhook("valid-" + n + "-" + random.nextInt(1_000_000)), true);
    }
    String path = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
    return switch (n % 13) {
      case 0 -> signed("broken-json", INSPERA, brokenJson(), false);
      case 1 -> signed("wrong-types", INSPERA, wrongTypes(), false);
      case 2 -> signed("deep-nesting", INSPERA, deepNesting(10_000 + random.nextInt(1_000)), false);
      case 3 -> n % 7 == 0 ? probe("huge-body", "POST", path, json(), huge()) : signed("random-bytes", INSPERA, randomBytes(), false);
      case 4 -> probe("bad-signature", "POST", INSPERA, Map.of("Content-Type", "application/json",
          InsperaSignature.HEADER, hex(random.nextInt(60))), webhook("bad-sig-" + n));
      case 5 -> replayedSignature(n);
      case 6 -> probe("wrong-secret", "POST", INSPERA, Map.of("Content-Type", "application/json",
          InsperaSignature.HEADER, InsperaSignature.sign("wrong", webhook("x" + n))), webhook("x" + n));
      case 7 -> signed("unknown-institution", "/webhooks/inspera/nobody-" + n, webhook("u" + n), false);
      case 8 -> probe("wrong-method", METHODS[random.nextInt(METHODS.length)], path, json(), webhook("m" + n));
      case 9 -> probe("wrong-content-type", "POST", path, Map.of("Content-Type",
          random.nextBoolean() ? "text/plain" : "application/xml", InsperaSignature.HEADER, "00"), webhook("c" + n));
      case 10 -> probe("proctoring-garbage", "POST", "/webhooks/proctoring/demo", Map.of("Content-Type",
          "application/json", "x-client-id", demo.proctoringClientId(), "x-client-secret",
          demo.proctoringClientSecret()), random.nextBoolean() ? brokenJson() : wrongTypes());
      case 11 -> probe("bearer-garbage", random.nextBoolean() ? "POST" : "PUT", path, Map.of("Content-Type",
          "application/json", "Authorization", random.nextBoolean() ? "Bearer " + hex(40) : "Basic ???"), brokenJson());
      default -> probe("any-endpoint-broken", "POST", path, json(), random.nextBoolean() ? brokenJson() : randomBytes());
    };
  }

  private Probe replayedSignature(int n) {
    byte[] original = webhook("original-" + n);
    return probe("replayed-signature", "POST", INSPERA, Map.of("Content-Type", "application/json",
        InsperaSignature.HEADER, InsperaSignature.sign(demo.insperaSecret(), original)), webhook("tampered-" + n));
  }

  private Probe signed(String kind, String path, byte[] body, boolean valid) {
    return new Probe(kind, "POST", path, Map.of("Content-Type", "application/json",
        InsperaSignature.HEADER, InsperaSignature.sign(demo.insperaSecret(), body)), body, valid);
  }

  private static Probe probe(String kind, String method, String path, Map<String, String> headers, byte[] body) {
    return new Probe(kind, method, path, headers, body, false);
  }

  private static Map<String, String> json() {
    return Map.of("Content-Type", "application/json");
  }

  /** An event that triggers no partner call: tests on the shared broker never see extra commands from it. */
  static byte[] webhook(String objectId) {
    return ("{\"contextObjectId\":\"" + objectId + "\",\"event\":\"resource_created\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private byte[] brokenJson() {
    String[] broken = {"{", "{\"contextObjectId\":", "{\"event\":\"x\",}", "[1,2", "nul", "{\"a\":\"\\u12\"}",
        "{\"contextObjectId\":1e999999,\"event\":\"x\"}", "\"unterminated", "{}}", "{'single':'quotes'}"};
    return broken[random.nextInt(broken.length)].getBytes(StandardCharsets.UTF_8);
  }

  private byte[] wrongTypes() {
    String[] wrong = {"[]", "42", "\"text\"", "true", "{\"contextObjectId\":{\"a\":1},\"event\":\"x\"}",
        "{\"contextObjectId\":[1,2],\"event\":\"x\"}", "{\"contextObjectId\":1,\"event\":{\"nested\":true}}",
        "{\"contextObjectId\":null,\"event\":\"x\"}", "{\"contextObjectId\":1,\"event\":[\"x\"],\"timestamp\":5}",
        "{\"examId\":[],\"candidateId\":{},\"timestamp\":\"not-a-time\"}"};
    return wrong[random.nextInt(wrong.length)].getBytes(StandardCharsets.UTF_8);
  }

  /** A valid Inspera webhook (current timestamp) padded with a title to exactly {@code size} bytes. */
  static byte[] paddedWebhook(String objectId, int size) {
    String head = "{\"contextObjectId\":\"" + objectId + "\",\"event\":\"resource_created\",\"timestamp\":\""
        + java.time.Instant.now() + "\",\"contextObjectTitle\":\"";
    String tail = "\"}";
    return (head + "t".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
  }

  /** Body sizes around the limit: 0.62-0.69 MiB under it (720,000 bytes), then 0.69-1 MiB over it. */
  static final int[] NEAR_LIMIT_UNDER = {650_000, 700_000, 719_999, 720_000};
  static final int[] NEAR_LIMIT_OVER = {720_001, 734_004, 800_000, 900_000, 1_000_000, 1_048_576};

  static byte[] deepNesting(int depth) {
    StringBuilder b = new StringBuilder(depth * 2 + 40).append("{\"contextObjectId\":");
    b.append("[".repeat(depth)).append("]".repeat(depth)).append(",\"event\":\"x\"}");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] huge() {
    byte[] body = new byte[maxBodyBytes + 1 + random.nextInt(1024)];
    java.util.Arrays.fill(body, (byte) 'a');
    body[0] = '"';
    body[body.length - 1] = '"';
    return body;
  }

  private byte[] randomBytes() {
    byte[] bytes = new byte[1 + random.nextInt(512)];
    random.nextBytes(bytes);
    return bytes;
  }

  private String hex(int length) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(Character.forDigit(random.nextInt(16), 16));
    }
    return b.toString();
  }

  /** Raw socket requests the Java client refuses to send: CR/LF in values, huge headers, bad lines. */
  static List<byte[]> malformedWire(int count, long seed) {
    Random r = new Random(seed);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String body = "{\"contextObjectId\":\"w" + i + "\",\"event\":\"x\"}";
      String request = switch (i % 5) {
        case 0 -> "POST " + INSPERA + " HTTP/1.1\r\nHost: x\r\nX-Inspera-Signature: ab\rInjected: 1\r\n"
            + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
        case 1 -> "POST " + INSPERA + " HTTP/1.1\r\nHost: x\r\nX-Long: " + "a".repeat(20_000 + r.nextInt(40_000))
            + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
        case 2 -> "POST " + INSPERA + " HTTP/1.1\r\nHost: x\r\nX-Inspera-Signature: a\nb\r\n"
            + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
        case 3 -> "POST /webhooks/inspera/de%0d%0aSet-Cookie:x HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
            + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
        default -> "POST " + INSPERA + " HTTP/1.1\r\nHost: x\r\nContent-Length: -" + r.nextInt(99)
            + "\r\nConnection: close\r\n\r\n" + body;
      };
      out.add(request.getBytes(StandardCharsets.ISO_8859_1));
    }
    return out;
  }
}
