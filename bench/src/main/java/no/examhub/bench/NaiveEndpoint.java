package no.examhub.bench;

import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.kafka.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The bench's second reference (issue 15): the least an ingress must do, a route that produces
 * the body as it came (no signature check, no envelope) with Examhub's durable producer settings
 * ({@code acks=all}, idempotent) and answers 200 on the broker's acknowledgement. Between the no-op
 * POST and it lies the cost of Kafka; between it and Examhub's ingress the cost of Examhub.
 */
final class NaiveEndpoint implements HttpRoutes, AutoCloseable {
  static final String PATH = "/naive/{institution}";
  private static final String TOPIC = "bench.naive";

  private final KafkaProducer<String, byte[]> producer;

  NaiveEndpoint(String bootstrapServers, int partitions) throws Exception {
    try (Admin admin = Admin.create(KafkaSettings.admin(bootstrapServers))) {
      if (!admin.listTopics().names().get().contains(TOPIC)) {
        admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get();
      }
    }
    producer = new KafkaProducer<>(KafkaSettings.durableProducer(bootstrapServers, "bench-naive", 5_000),
        new StringSerializer(), new ByteArraySerializer());
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post(PATH, ctx -> {
      CompletableFuture<Void> acked = new CompletableFuture<>();
      producer.send(new ProducerRecord<>(TOPIC, ctx.pathParam("institution"), ctx.bodyAsBytes()), (m, e) -> {
        if (e == null) {
          acked.complete(null);
        } else {
          acked.completeExceptionally(e);
        }
      });
      ctx.future(() -> acked.thenRun(() -> ctx.status(200).result("{\"status\":\"accepted\"}")));
    });
  }

  @Override
  public void close() {
    producer.close();
  }
}
