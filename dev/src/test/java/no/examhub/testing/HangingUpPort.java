package no.examhub.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A local port where nothing answers, held for as long as a test needs it: a server that accepts
 * every connection and resets it at once. A port that was merely free when a test picked it can be
 * taken meanwhile by a hub in the other test JVM, whose answer a CI run once got instead of the
 * refusal the test expected.
 */
public final class HangingUpPort implements AutoCloseable {
  private final ServerSocket socket;

  private HangingUpPort() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accepting = new Thread(this::hangUpOnEveryone, "hanging-up-" + socket.getLocalPort());
    accepting.setDaemon(true);
    accepting.start();
  }

  public static HangingUpPort open() {
    try {
      return new HangingUpPort();
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind a local port", e);
    }
  }

  public int port() {
    return socket.getLocalPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  private void hangUpOnEveryone() {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        connection.setSoLinger(true, 0); // a reset, not a polite end of stream
      } catch (IOException closedOrReset) {
        // closed: the test is done with it; a reset while accepting: the next one
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
