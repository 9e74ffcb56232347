package no.examhub.platform.mongo;

import com.mongodb.client.MongoCollection;
import io.micrometer.core.instrument.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a configuration collection document by document. One document an operator got wrong is
 * skipped, logged by its id (never its content: it may hold secrets) and counted
 * ({@code examhub_config_documents_skipped_total} by collection); every other document still
 * loads. Before, one malformed document failed the whole read, so every later refresh failed too
 * and a deleted token kept working from the last good snapshot.
 */
public final class ConfigDocuments {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigDocuments.class);

  private ConfigDocuments() {}

  public static <T> List<T> readEach(MongoCollection<Document> collection, Function<Document, T> read) {
    List<T> all = new ArrayList<>();
    for (Document doc : collection.find()) {
      Object id = doc.get("_id");
      try {
        all.add(read.apply(doc));
      } catch (RuntimeException e) {
        Metrics.counter("examhub.config.documents.skipped", "collection", collection.getNamespace().getCollectionName())
            .increment();
        LOG.error("skipping malformed document {} in {}: {}", id, collection.getNamespace().getCollectionName(),
            e.getClass().getSimpleName());
      }
    }
    return all;
  }
}
