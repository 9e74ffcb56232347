package no.examhub.partner.inspera;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import no.examhub.platform.json.Json;

/**
 * Reads an Inspera test-events export (seed 000: {@code {"created", "candidates": [{"userId",
 * "candidateId", "events": [...]}]}}) as a stream: one event is in memory at a time, never the file
 * or the candidate list, so a 500 MB export parses in constant memory. Should a candidate's
 * {@code events} come before its ids (JSON does not fix the order), only that candidate's events
 * are held until its ids are read.
 */
public final class TestEventsParser {
  /** Told of each event, in file order. */
  @FunctionalInterface
  public interface Listener {
    void onEvent(String candidateUserId, String candidateId, JsonNode event);
  }

  /** How much the file held. */
  public record Counts(long candidates, long events) {}

  private TestEventsParser() {}

  public static Counts parse(InputStream in, Listener listener) throws IOException {
    long candidates = 0;
    long events = 0;
    try (JsonParser p = Json.MAPPER.getFactory().createParser(in)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("candidates".equals(field) && value == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            events += candidate(p, listener);
            candidates++;
          }
        } else {
          p.skipChildren();
        }
      }
    }
    return new Counts(candidates, events);
  }

  /** Reads one candidate object (the parser is on its START_OBJECT); returns its event count. */
  private static long candidate(JsonParser p, Listener listener) throws IOException {
    String userId = null;
    String candidateId = null;
    List<JsonNode> early = new ArrayList<>();
    long count = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "userId" -> userId = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
        case "candidateId" -> candidateId = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
        case "events" -> {
          if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            break;
          }
          while (p.nextToken() == JsonToken.START_OBJECT) {
            JsonNode event = Json.MAPPER.readTree(p);
            count++;
            if (candidateId == null) {
              early.add(event);
            } else {
              listener.onEvent(userId, candidateId, event);
            }
          }
        }
        default -> p.skipChildren();
      }
    }
    for (JsonNode event : early) {
      listener.onEvent(userId, candidateId, event);
    }
    return count;
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("test-events export: expected " + expected + " but found " + actual);
    }
  }
}
