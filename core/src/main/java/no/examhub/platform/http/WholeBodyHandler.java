package no.examhub.platform.http;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request's whole body without a thread, before Javalin gets the request. Javalin reads
 * bodies blocking, so a client sending a body byte by byte held a server thread for as long as it
 * liked; a few hundred such clients took every thread, and {@code verify_respondent} waited behind
 * them. Here the bytes are gathered as they arrive (Jetty calls back when there are more), and the
 * request is handed on only once the body is complete, so a server thread serves only requests
 * that are ready.
 *
 * <p>Limits, each answered with the error contract: a body over {@code maxBytes} is {@code 413
 * 70413}; a body not complete within {@code timeout} after its headers, or averaging less than
 * {@code minBytesPerSecond} after its first second, is {@code 408 70408}. Memory per request is
 * what has arrived of its body (at most about twice that while the buffer grows), never more than
 * {@code maxBytes}.
 *
 * <p>The rest of a body that is too large is read and thrown away before the 413 is sent, up to
 * {@link #DISCARD_LIMIT_BYTES}. Answering at once and closing left unread bytes on the socket, so
 * the kernel reset the connection and the client often lost the 413 with it: a partner's client
 * that sees a reset retries, for ever, where a 413 tells it to stop (seen in CI with an 800 KB
 * webhook). Only a body declared over the discard limit is refused before it is read.
 */
final class WholeBodyHandler extends Handler.Wrapper {
  private static final long SECOND = 1_000_000_000L;
  /** How much of a too-large body is read (and dropped, never kept) so that its 413 arrives. */
  static final long DISCARD_LIMIT_BYTES = 8L * 1024 * 1024;

  private final long maxBytes;
  private final Duration timeout;
  private final int minBytesPerSecond;

  WholeBodyHandler(long maxBytes, Duration timeout, int minBytesPerSecond) {
    this.maxBytes = maxBytes;
    this.timeout = timeout;
    this.minBytesPerSecond = minBytesPerSecond;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    long declared = request.getLength();
    if (declared == 0 || declared < 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
      return super.handle(request, response, callback);
    }
    if (declared > DISCARD_LIMIT_BYTES) {
      Response.writeError(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413);
      return true;
    }
    new Loader(request, response, callback, declared).start();
    return true;
  }

  /** Gathers one request's body, then hands the request on with the body in memory. */
  private final class Loader implements Runnable {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final long started = System.nanoTime();
    private final AtomicBoolean finished = new AtomicBoolean();
    private byte[] body;
    private int size;
    /** Bytes thrown away once the body is known to be too large; -1 while it still fits. */
    private volatile long discarded = -1;
    private Scheduler.Task deadline;

    Loader(Request request, Response response, Callback callback, long declared) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      // Grown as bytes arrive, not sized by Content-Length: a client that declares 700 KB and
      // sends one byte must not cost 700 KB.
      this.body = new byte[(int) Math.min(declared > 0 ? Math.min(declared, 8192) : 8192, maxBytes)];
      if (declared > maxBytes) {
        discard();
      }
    }

    void start() {
      deadline = request.getComponents().getScheduler()
          .schedule(() -> refuse(tooLate()),
              timeout.toMillis(), TimeUnit.MILLISECONDS);
      run();
    }

    @Override
    public void run() {
      while (!finished.get()) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          // The connection's idle timeout ends a stalled body too: that is a 408 like our own.
          refuse(chunk.getFailure() instanceof TimeoutException ? tooLate() : HttpStatus.BAD_REQUEST_400);
          return;
        }
        boolean last = chunk.isLast();
        ByteBuffer bytes = chunk.getByteBuffer();
        if (discarded < 0 && !append(bytes)) {
          discard();
        }
        if (discarded >= 0) {
          discarded += bytes.remaining();
        }
        chunk.release();
        if (discarded >= 0 && (last || discarded > DISCARD_LIMIT_BYTES)) {
          refuse(HttpStatus.PAYLOAD_TOO_LARGE_413);
          return;
        }
        if (last) {
          handOn();
          return;
        }
        if (tooSlow()) {
          refuse(tooLate());
          return;
        }
      }
    }

    private boolean append(ByteBuffer buffer) {
      int n = buffer.remaining();
      if (size + (long) n > maxBytes) {
        return false;
      }
      if (size + n > body.length) {
        byte[] larger = new byte[(int) Math.min(maxBytes, Math.max((long) body.length * 2, size + n))];
        System.arraycopy(body, 0, larger, 0, size);
        body = larger;
      }
      buffer.get(body, size, n);
      size += n;
      return true;
    }

    /** A body that stops arriving is a 408, unless it is already known to be too large. */
    private int tooLate() {
      return discarded >= 0 ? HttpStatus.PAYLOAD_TOO_LARGE_413 : HttpStatus.REQUEST_TIMEOUT_408;
    }

    /** From here on the body only has to be read to its end, so its 413 can be read too. */
    private void discard() {
      discarded = size;
      body = null;
    }

    private boolean tooSlow() {
      long elapsed = System.nanoTime() - started;
      long received = discarded >= 0 ? discarded : size;
      return minBytesPerSecond > 0 && elapsed > SECOND && received < minBytesPerSecond * (elapsed / (double) SECOND);
    }

    private void refuse(int status) {
      if (finished.compareAndSet(false, true)) {
        deadline.cancel();
        Response.writeError(request, response, callback, status);
      }
    }

    private void handOn() {
      if (!finished.compareAndSet(false, true)) {
        return;
      }
      deadline.cancel();
      Request loaded = new Loaded(request, ByteBuffer.wrap(body, 0, size));
      try {
        if (!WholeBodyHandler.super.handle(loaded, response, callback)) {
          Response.writeError(loaded, response, callback, HttpStatus.NOT_FOUND_404);
        }
      } catch (Throwable failure) {
        Response.writeError(loaded, response, callback, failure);
      }
    }
  }

  /** The request with its body already in memory: one last chunk, then end of content. */
  private static final class Loaded extends Request.Wrapper {
    private Content.Chunk chunk;

    Loaded(Request request, ByteBuffer body) {
      super(request);
      this.chunk = Content.Chunk.from(body, true);
    }

    @Override
    public synchronized Content.Chunk read() {
      Content.Chunk next = chunk;
      chunk = Content.Chunk.EOF;
      return next;
    }

    @Override
    public void demand(Runnable demandCallback) {
      demandCallback.run();
    }

    @Override
    public long getLength() {
      return chunk == Content.Chunk.EOF ? super.getLength() : chunk.remaining();
    }

    @Override
    public boolean consumeAvailable() {
      read();
      return true;
    }
  }
}
