package no.examhub.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import no.examhub.platform.json.Json;

/** Every panel query of the Grafana dashboards, with Grafana's interval variables replaced. */
final class Dashboards {
  private Dashboards() {}

  record Query(String dashboard, String panel, String promql) {
    @Override
    public String toString() {
      return dashboard + " / '" + panel + "': " + promql;
    }
  }

  static List<Query> queries(Path dir) throws IOException {
    List<Query> queries = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode dashboard = Json.MAPPER.readTree(file.toFile());
        for (JsonNode panel : panels(dashboard)) {
          for (JsonNode target : panel.path("targets")) {
            queries.add(new Query(file.getFileName().toString(), panel.path("title").asText(),
                substitute(target.path("expr").asText())));
          }
        }
      }
    }
    return queries;
  }

  /** Panels, including those inside collapsed rows. */
  private static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      if (panel.has("targets")) {
        panels.add(panel);
      }
      panel.path("panels").forEach(panels::add);
    }
    return panels;
  }

  /** Grafana's interval variables become a fixed window; other template variables are not used. */
  static String substitute(String expr) {
    return expr.replace("$__rate_interval", "1m").replace("${__rate_interval}", "1m")
        .replace("$__interval", "1m").replace("$__range", "1m");
  }
}
