package no.examhub.partner.metrica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import no.examhub.platform.http.ErrorCode;
import org.junit.jupiter.api.Test;

/** Seed 004: "reconnection strategies with maximum of 2 retry attempts". */
class MetricaClientTest {

  @Test
  void brokenConnectionIsRetriedTwiceThenFailsAsBackendDown() throws Exception {
    try (FlakyBackend flaky = new FlakyBackend(Integer.MAX_VALUE)) {
      MetricaClient client = client(flaky);

      Throwable failure = catchThrowable(() -> client.send("GET", "/v1/results/TI-1", null, null).join());

      assertThat(failure).hasCauseInstanceOf(MetricaClient.BackendFailure.class);
      assertThat(((MetricaClient.BackendFailure) failure.getCause()).code()).isEqualTo(ErrorCode.BACKEND_DOWN);
      assertThat(client.attempts()).isEqualTo(3);
      // The JDK client reconnects once more inside an attempt when a GET's connection drops.
      assertThat(flaky.connections.get()).isBetween(3, 6);
    }
  }

  @Test
  void connectionThatRecoversOnARetryAnswers() throws Exception {
    try (FlakyBackend flaky = new FlakyBackend(2)) {
      MetricaClient client = client(flaky);

      HttpResponse<byte[]> response = client.send("GET", "/v1/results/TI-1", null, null).join();

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"recovered\":true}");
    }
  }

  @Test
  void postWhoseConnectionDropsIsNotRetriedSinceMetricaMayHaveSavedIt() throws Exception {
    try (FlakyBackend flaky = new FlakyBackend(Integer.MAX_VALUE)) {
      MetricaClient client = client(flaky);
      CompletableFuture<HttpResponse<byte[]>> save = client.send("POST", "/v1/test-player/saveResponse",
          "{\"testId\":\"T-1\"}".getBytes(StandardCharsets.UTF_8), "application/json");

      assertThat(catchThrowable(save::join)).hasCauseInstanceOf(MetricaClient.BackendFailure.class);
      assertThat(client.attempts()).isEqualTo(1);
    }
  }

  @Test
  void noConfiguredBackendFailsAsBackendDownWithoutACall() {
    MetricaClient client = new MetricaClient(() -> "", () -> Optional.of("token"), Duration.ofSeconds(1), Duration.ofSeconds(1), 2);

    Throwable failure = catchThrowable(() -> client.send("GET", "/v1/results/TI-1", null, null).join());

    assertThat(failure).hasCauseInstanceOf(MetricaClient.BackendFailure.class);
    assertThat(client.attempts()).isZero();
  }

  private static MetricaClient client(FlakyBackend backend) {
    return new MetricaClient(backend::url, () -> Optional.of("token"), Duration.ofSeconds(1), Duration.ofSeconds(2), 2);
  }
}
