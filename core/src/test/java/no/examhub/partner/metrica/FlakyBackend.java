package no.examhub.partner.metrica;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** Closes the first {@code failures} connections without answering, then answers 200. */
final class FlakyBackend implements AutoCloseable {
  final AtomicInteger connections = new AtomicInteger();
  private final ServerSocket socket;
  private final Thread thread;

  FlakyBackend(int failures) throws IOException {
    socket = new ServerSocket(0);
    thread = new Thread(() -> {
      while (!socket.isClosed()) {
        try (Socket s = socket.accept()) {
          if (connections.incrementAndGet() > failures) {
            s.getInputStream().read(new byte[8192]);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 18\r\n"
                + "Connection: close\r\n\r\n{\"recovered\":true}").getBytes(StandardCharsets.US_ASCII));
            out.flush();
          }
        } catch (IOException closed) {
          return;
        }
      }
    }, "flaky-backend");
    thread.start();
  }

  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/metrica";
  }

  @Override
  public void close() throws IOException {
    socket.close();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
