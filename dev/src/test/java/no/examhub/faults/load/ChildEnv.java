package no.examhub.faults.load;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.SimulatorServer;

/**
 * The environment of a child Examhub in the load tests: the partners are this JVM's simulators, so
 * their record of every call survives any child. On a three-broker cluster ({@code replication} 3)
 * every topic has three replicas (min ISR 2, see TopicCreator and StreamsSettings), as production
 * runs it.
 */
final class ChildEnv {
  private ChildEnv() {}

  static Map<String, String> of(String bootstrapServers, int replication, EmbeddedMongo mongo,
      SimulatorServer partners, Path dataDir, String applicationId) {
    return of(bootstrapServers, replication, mongo, partners, "127.0.0.1", dataDir, applicationId);
  }

  /**
   * As above, the partners reached by the name {@code partnerHost} (any name of this host): their
   * record of a call then tells which instance made it, by its {@code Host} header.
   */
  static Map<String, String> of(String bootstrapServers, int replication, EmbeddedMongo mongo,
      SimulatorServer partners, String partnerHost, Path dataDir, String applicationId) {
    String sim = "http://" + partnerHost + ":" + partners.port();
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    env.put("MONGODB_URI", mongo.uri());
    env.put("EXAMHUB_DATA_DIR", dataDir.toString());
    env.put("EXAMHUB_SIMULATORS", "false");
    env.put("EXAMHUB_ACCESS_CODE_KEY", "examhub-under-load-".repeat(2));
    env.put("EXAMHUB_APPLICATION_ID", applicationId);
    env.put("EXAMHUB_TOPIC_REPLICATION", Integer.toString(replication));
    // As the other integration tests run it (TestHub): fewer tasks to commit and restore on 2 cores.
    env.put("EXAMHUB_TOPIC_PARTITIONS", "3");
    env.put("EXAMHUB_STREAM_THREADS", "1");
    env.put("EXAMHUB_RATE_LIMIT_PER_SECOND", "1000000");
    env.put("EXAMHUB_ARCHIVE_CHECK_INTERVAL", "PT1S");
    env.put("EXAMHUB_INSPERA_URL", sim + "/inspera/{domain}/api");
    env.put("EXAMHUB_ARCHIVE_URL", sim + "/archive");
    env.put("EXAMHUB_PROVIEW_URL", sim + "/proview");
    env.put("EXAMHUB_PROVIEW_AUTH_URL", sim + "/proview");
    return env;
  }

  /**
   * One of several instances of one application, as production runs two of the streams role: its
   * own static member id, and a standby replica of every store on another instance to fail over to.
   */
  static Map<String, String> member(Map<String, String> env, String instanceId) {
    Map<String, String> member = new HashMap<>(env);
    member.put("EXAMHUB_INSTANCE_ID", instanceId);
    member.put("EXAMHUB_STANDBY_REPLICAS", "1");
    return member;
  }
}
