package no.examhub.platform.mongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB-compatible server in this JVM (mongo-java-server), for the embedded default and tests:
 * no real MongoDB installs on the development machines. It has no sessions, transactions, change
 * streams or TTL indexes, so Examhub uses none of them.
 */
public final class EmbeddedMongo implements AutoCloseable {
  private final MongoServer server;
  private final String uri;

  private EmbeddedMongo(MongoServer server) {
    this.server = server;
    server.bind("127.0.0.1", 0);
    InetSocketAddress bound = server.getLocalAddress();
    this.uri = "mongodb://127.0.0.1:" + bound.getPort();
  }

  /** Data kept in an H2 MVStore file under {@code dir}, across restarts. */
  public static EmbeddedMongo onDisk(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create " + dir, e);
    }
    return new EmbeddedMongo(new MongoServer(new H2Backend(dir.resolve("examhub.mv").toString())));
  }

  public static EmbeddedMongo inMemory() {
    return new EmbeddedMongo(new MongoServer(new MemoryBackend()));
  }

  public String uri() {
    return uri;
  }

  /** Its Netty threads are not daemons: without this the JVM never exits. */
  @Override
  public void close() {
    server.shutdownNow();
  }
}
