package no.examhub.simulator.inspera;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;

/**
 * The test-events export of seed 000, on every tenant: {@code POST /v1/test/{testId}/events} orders a job (the same
 * Idempotency-Key gets the same job), {@code GET /v1/test/{testId}/events?jobId=} answers PENDING
 * on the first poll and DONE with a pre-signed URL after, and {@code GET /inspera/exports/{jobId}}
 * streams the generated file while the URL's signature and expiry (one hour, as the token) hold.
 */
final class InsperaExportJobs {
  /** A known test without its own spec gets this small export. */
  static final GeneratedExport.Spec DEFAULT = new GeneratedExport.Spec(3, 4, 5);
  private static final long URL_LIFETIME_SECONDS = 3600;

  private record Job(String testId, AtomicInteger polls) {}

  private final InsperaSimulator inspera;
  private final Map<String, GeneratedExport.Spec> specs = new ConcurrentHashMap<>();
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final Map<String, String> jobByKey = new ConcurrentHashMap<>();
  private final java.util.Set<String> neverFinishing = ConcurrentHashMap.newKeySet();
  private final byte[] signingKey = new byte[32];

  InsperaExportJobs(InsperaSimulator inspera) {
    this.inspera = inspera;
    new SecureRandom().nextBytes(signingKey);
  }

  void put(String testId, GeneratedExport.Spec spec) {
    specs.put(testId, spec);
  }

  void neverFinish(String testId) {
    neverFinishing.add(testId);
  }

  void register(RoutesConfig routes) {
    routes.post(InsperaSimulator.PREFIX + "/v1/test/{testId}/events", this::order);
    routes.get(InsperaSimulator.PREFIX + "/v1/test/{testId}/events", this::status);
    routes.get("/inspera/exports/{jobId}", this::download);
  }

  private void order(Context ctx) {
    inspera.authorised(ctx);
    String testId = exportable(ctx.pathParam("testId"));
    String key = ctx.header("Idempotency-Key");
    String jobId = key == null ? newJob(testId) : jobByKey.computeIfAbsent(key, k -> newJob(testId));
    ctx.status(202).json(Map.of("jobId", jobId, "status", "PENDING"));
  }

  String newJob(String testId) {
    String jobId = UUID.randomUUID().toString();
    jobs.put(jobId, new Job(testId, new AtomicInteger()));
    return jobId;
  }

  private void status(Context ctx) {
    inspera.authorised(ctx);
    if (ctx.queryParam("jobId") == null) {
      throw InsperaError.of(400, "jobId is required");
    }
    Job job = jobs.get(String.valueOf(ctx.queryParam("jobId")));
    if (job == null || !job.testId().equals(ctx.pathParam("testId"))) {
      throw InsperaError.of(404, "No such export job");
    }
    String jobId = ctx.queryParam("jobId");
    if (job.polls().incrementAndGet() == 1 || neverFinishing.contains(job.testId())) {
      ctx.json(Map.of("jobId", jobId, "status", "PENDING", "progress", 50));
      return;
    }
    long expires = Instant.now().getEpochSecond() + URL_LIFETIME_SECONDS;
    String url = ctx.scheme() + "://" + ctx.host() + "/inspera/exports/" + jobId + "?expires=" + expires
        + "&signature=" + signature(jobId, expires);
    ctx.json(Map.of("jobId", jobId, "status", "DONE", "progress", 100, "url", url));
  }

  private void download(Context ctx) {
    String jobId = ctx.pathParam("jobId");
    long expires = parseLong(ctx.queryParam("expires"));
    Job job = jobs.get(jobId);
    if (job == null || !Hmac.equal(signature(jobId, expires), String.valueOf(ctx.queryParam("signature")))
        || Instant.now().getEpochSecond() > expires) {
      throw new ApiException(ErrorCode.FORBIDDEN, "Request has expired or its signature does not match.");
    }
    GeneratedExport.Spec spec = specs.getOrDefault(job.testId(), DEFAULT);
    ctx.contentType("application/json").result(new GeneratedExport(job.testId(), spec));
  }

  private String exportable(String testId) {
    if (!specs.containsKey(testId) && !inspera.knows(testId)) {
      throw InsperaError.of(404, "No such test");
    }
    return testId;
  }

  private String signature(String jobId, long expires) {
    return HexFormat.of().formatHex(Hmac.sign("HmacSHA256", signingKey,
        (jobId + "/" + expires).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static long parseLong(String value) {
    try {
      return value == null ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
