package no.examhub.flow.cases;

import java.time.Instant;
import no.examhub.event.ExamEvent;
import no.examhub.event.FsAppeal;
import no.examhub.event.FsExplanationRequest;
import no.examhub.flow.cases.CaseState.Received;

/**
 * An FS record or exam event as the case timeline keeps it: what it was, a short ref of its
 * content hash, and when Examhub received it. Nothing else of the record is kept.
 */
final class Arrivals {
  private static final int REF_LENGTH = 16;

  private Arrivals() {}

  static Received of(FsAppeal a) {
    return new Received(Received.FS_APPEAL, a.klagestatus(), ref(a.contentHash()), a.polledAt(), 0, null);
  }

  static Received of(FsExplanationRequest r) {
    return new Received(Received.FS_EXPLANATION_REQUEST,
        r.datoKlageMottatt() == null ? null : "received by FS " + r.datoKlageMottatt(), ref(r.contentHash()),
        r.polledAt(), 0, null);
  }

  /** When Examhub received the event; when the partner says it happened if that is missing. */
  static Received of(ExamEvent e) {
    Instant at = e.receivedAt() != null ? e.receivedAt() : e.occurredAt();
    return new Received(Received.EXAM_EVENT, e.event(), ref(e.eventId()), at, 0, null);
  }

  /** The arrival an input records on its case: FS records and exam events; none for the others. */
  static Received of(CaseInput in) {
    if (in.appeal() != null) {
      return of(in.appeal());
    }
    if (in.explanationRequest() != null) {
      return of(in.explanationRequest());
    }
    return in.examEvent() != null ? of(in.examEvent()) : null;
  }

  private static String ref(String hash) {
    return hash == null ? null : hash.substring(0, Math.min(REF_LENGTH, hash.length()));
  }
}
