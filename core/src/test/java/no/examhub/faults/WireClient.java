package no.examhub.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends bytes as they are over a socket, for requests no well-behaved HTTP client would send. */
final class WireClient {
  record Answer(int status, String body) {}

  private WireClient() {}

  static Answer send(int port, byte[] request) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException closedEarly) {
        // The server may answer and close before it has read a huge header; read what it said.
      }
      String text = new String(readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1);
      if (!text.startsWith("HTTP/1.1 ")) {
        return new Answer(-1, text);
      }
      int status = Integer.parseInt(text.substring(9, 12));
      int bodyStart = text.indexOf("\r\n\r\n");
      return new Answer(status, bodyStart < 0 ? "" : text.substring(bodyStart + 4));
    } catch (IOException e) {
      return new Answer(-1, e.toString());
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try {
      return in.readAllBytes();
    } catch (IOException reset) {
      return new byte[0];
    }
  }
}
