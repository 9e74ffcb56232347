package no.examhub.institution;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.Map;
import java.util.Set;
import no.examhub.event.ExamEventKinds;
import no.examhub.event.ExamSystem;

/**
 * How one Standard Webhooks source of one institution becomes Examhub's exam events
 * ({@code partners.standard.<source>} in the institution's document). Each field but
 * {@code events} and {@code examSystem} is a JSON pointer (RFC 6901) into the webhook's body; an
 * empty pointer means "not sent". The sender's own event type is looked up in {@code events},
 * which gives the Examhub event ({@link ExamEventKinds}) it becomes; a type it does not list is
 * dead-lettered, so nothing the institution did not map reaches a case.
 *
 * @param event where the sender's event type is, e.g. {@code /type}
 * @param objectId where the object (the test or exam) is, e.g. {@code /data/examId}
 * @param objectType where the object's type is; empty for none
 * @param candidate where the candidate is (becomes {@code associatedObjectId}); empty for none
 * @param triggeringUser where the user who caused the event is; empty for none
 * @param occurredAt where the event's time is (ISO-8601 text or unix seconds); empty for none
 * @param examSystem the exam system the events are about; the institution's when absent
 * @param events the sender's event type to Examhub's event, e.g. {@code result.ready -> final-grades}
 */
public record StandardSourceMapping(String event, String objectId, String objectType, String candidate,
    String triggeringUser, String occurredAt, ExamSystem examSystem, Map<String, String> events) {
  /** The Examhub events a source may be mapped to: those the flows act on. */
  public static final Set<String> KINDS = Set.of(ExamEventKinds.FINAL_GRADES, ExamEventKinds.APPEAL_DECISION,
      ExamEventKinds.EXPLANATION_PUBLISHED, ExamEventKinds.EXPORT_FINISHED);

  public StandardSourceMapping {
    event = pointer("event", event, true);
    objectId = pointer("objectId", objectId, true);
    objectType = pointer("objectType", objectType, false);
    candidate = pointer("candidate", candidate, false);
    triggeringUser = pointer("triggeringUser", triggeringUser, false);
    occurredAt = pointer("occurredAt", occurredAt, false);
    events = events == null ? Map.of() : Map.copyOf(events);
    events.forEach((type, kind) -> {
      if (!KINDS.contains(kind)) {
        throw new IllegalArgumentException("standard.events: " + type + " maps to unknown Examhub event " + kind
            + ", expected one of " + KINDS);
      }
    });
  }

  /** The mapping with the institution's exam system where it names none. */
  public StandardSourceMapping withDefaultExamSystem(ExamSystem system) {
    return examSystem != null ? this
        : new StandardSourceMapping(event, objectId, objectType, candidate, triggeringUser, occurredAt, system, events);
  }

  private static String pointer(String field, String value, boolean required) {
    String p = value == null ? "" : value.trim();
    if (p.isEmpty()) {
      if (required) {
        throw new IllegalArgumentException("standard." + field + " is required (a JSON pointer such as /type)");
      }
      return "";
    }
    try {
      JsonPointer.compile(p);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("standard." + field + " is not a JSON pointer: it must start with /");
    }
    return p;
  }
}
