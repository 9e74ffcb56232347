package no.examhub.platform.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The stable id of one instance ({@code EXAMHUB_INSTANCE_ID}), Kafka's {@code group.instance.id}
 * (static membership): a restarted instance takes its partitions back without a rebalance.
 * Derived, it is the host name and a hash of the data directory, so two instances on one host
 * differ as long as their data directories do (which RocksDB demands anyway); the data
 * directory's lock ({@code platform/process/InstanceLock}) refuses a second one that shares both.
 */
final class InstanceId {
  /** Kafka's own rule for {@code group.instance.id}, shortened: Streams appends {@code -<thread>}. */
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  private InstanceId() {}

  static String validate(String id) {
    if (!VALID.matcher(id).matches()) {
      throw new IllegalArgumentException("must be 1-200 letters, digits, '.', '_' or '-'");
    }
    return id;
  }

  static String derive(String host, Path dataDir) {
    String safeHost = host.replaceAll("[^A-Za-z0-9._-]", "-");
    safeHost = safeHost.isEmpty() ? "host" : safeHost.substring(0, Math.min(safeHost.length(), 60));
    return safeHost + "-" + hash(dataDir.toAbsolutePath().normalize().toString());
  }

  /** {@code HOSTNAME} when set (containers), else what the resolver calls this host. */
  static String host(Map<String, String> env) {
    String host = env.get("HOSTNAME");
    if (host != null && !host.isBlank()) {
      return host.trim();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
