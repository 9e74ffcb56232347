package no.examhub.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/** Settings of several instances of one deployment, each a {@link TestHub} on the same broker. */
public final class Instances {
  /** One deployment's access-code key: what every instance derives its console delegation key from. */
  public static final String ACCESS_CODE_KEY = "test-deployment-access-code-key-0123456789";

  private Instances() {}

  /**
   * One instance of the Streams application {@code applicationId}, on a fixed port rather than 0:
   * an instance advertises its own address to the others only when it knows it.
   */
  public static Map<String, String> of(String applicationId) {
    return Map.of("EXAMHUB_APPLICATION_ID", applicationId, "EXAMHUB_HTTP_PORT", Integer.toString(freePort()),
        "EXAMHUB_ACCESS_CODE_KEY", ACCESS_CODE_KEY);
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
