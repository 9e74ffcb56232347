package no.examhub.simulator.testplayer;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.examhub.partner.metrica.WebhookSubscriber;
import no.examhub.partner.metrica.WebhookSubscribers;
import no.examhub.partner.standard.StandardWebhookSignature;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.simulator.script.PartnerScript;

/**
 * The test players Metrica's events are pushed to (seed 004: Jetpack and Evolve), under
 * {@code POST /testplayer/{name}/webhook}. Each VERIFIES the Standard Webhooks signature with its
 * demo secret (401 when wrong) and records every delivery it got. Scriptable per player through
 * its {@link PartnerScript}, and, since test hubs share one broker and so see each other's
 * events, per event: {@link #failDeliveriesContaining} fails only the deliveries whose body holds
 * a marker.
 */
public final class TestPlayerSimulator implements HttpRoutes {
  /** Fixed demo secrets: they guard only a loopback fake. */
  public static final Map<String, String> SECRETS = Map.of(
      "jetpack", "whsec_ZGVtby1qZXRwYWNrLXNpZ25pbmcta2V5LTEyMzQ1Ng==",
      "evolve", "whsec_ZGVtby1ldm9sdmUtc2lnbmluZy1rZXktNjU0MzIxMA==");

  /** One delivery attempt a player got, with the status it answered. */
  public record Delivery(String player, String webhookId, String body, int status) {}

  private final Map<String, PartnerScript> scripts = Map.of("jetpack", new PartnerScript(), "evolve", new PartnerScript());
  private final StandardWebhookSignature signature = new StandardWebhookSignature(Clock.systemUTC(), Duration.ofMinutes(5));
  private final List<Delivery> deliveries = new ArrayList<>();
  private final Map<String, int[]> markedFailures = new HashMap<>();

  /** Points the demo subscribers at this simulator; every start, as its port may change. */
  public static void seedSubscribers(WebhookSubscribers subscribers, String simulatorBase) {
    for (var e : SECRETS.entrySet()) {
      subscribers.save(new WebhookSubscriber(e.getKey(), simulatorBase + "/testplayer/" + e.getKey() + "/webhook",
          e.getValue(), Set.of("tests", "results", "feedback")));
    }
  }

  public PartnerScript script(String player) {
    return scripts.get(player);
  }

  /** The player answers {@code status} to its next {@code count} deliveries whose body contains {@code marker}. */
  public synchronized void failDeliveriesContaining(String player, String marker, int count, int status) {
    markedFailures.put(player + "\n" + marker, new int[] {count, status});
  }

  public synchronized List<Delivery> deliveriesContaining(String marker) {
    return deliveries.stream().filter(d -> d.body().contains(marker)).toList();
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/testplayer/{name}/webhook", this::receive);
  }

  private void receive(Context ctx) {
    String player = ctx.pathParam("name");
    String secret = SECRETS.get(player);
    if (secret == null) {
      throw new ApiException(ErrorCode.NOT_FOUND, "no such test player");
    }
    byte[] body = ctx.bodyAsBytes();
    var verdict = signature.verify(ctx::header, body, List.of(secret));
    if (!verdict.valid()) {
      throw new ApiException(verdict.code(), verdict.message());
    }
    String text = new String(body, StandardCharsets.UTF_8);
    int failWith = markedFailure(player, text);
    if (failWith != 0) {
      record(player, ctx, text, failWith);
      throw new HttpResponseException(failWith, "scripted failure");
    }
    try {
      scripts.get(player).enter(ctx);
    } catch (HttpResponseException scripted) {
      record(player, ctx, text, scripted.getStatus());
      throw scripted;
    }
    record(player, ctx, text, 200);
    ctx.result("OK");
  }

  private synchronized int markedFailure(String player, String body) {
    for (var e : markedFailures.entrySet()) {
      String[] parts = e.getKey().split("\n", 2);
      int[] left = e.getValue();
      if (parts[0].equals(player) && body.contains(parts[1]) && left[0] > 0) {
        left[0]--;
        return left[1];
      }
    }
    return 0;
  }

  private synchronized void record(String player, Context ctx, String body, int status) {
    deliveries.add(new Delivery(player, ctx.header(StandardWebhookSignature.ID), body, status));
  }
}
