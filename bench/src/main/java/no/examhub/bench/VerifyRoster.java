package no.examhub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.examhub.event.RosterEntry;
import no.examhub.event.Topics;
import no.examhub.flow.proctoring.RosterStore;
import no.examhub.partner.proctoring.AccessCodeKey;

/**
 * The verify_respondent phase's roster: {@value #CANDIDATES_PER_EXAM} candidates per proctored
 * exam of the demo institution, each with its own access code (only its MAC is written), and the
 * requests the vendor would send for them: mostly right codes, every {@value #WRONG_CODE_EVERY}th
 * a wrong code, every {@value #UNKNOWN_EVERY}th a candidate not on the exam. Refusals take the same
 * path (roster reads, recorded verification) and are answered 200 with {@code errorMessage}.
 */
final class VerifyRoster {
  static final String INSTITUTION = "demo";
  static final int CANDIDATES_PER_EXAM = 200;
  static final int WRONG_CODE_EVERY = 20;
  static final int UNKNOWN_EVERY = 25;

  private final int size;
  private final AccessCodeKey key;

  VerifyRoster(int size, AccessCodeKey key) {
    this.size = size;
    this.key = key;
  }

  int exams() {
    return (size + CANDIDATES_PER_EXAM - 1) / CANDIDATES_PER_EXAM;
  }

  static String examId(int candidate) {
    return "bench-exam-" + candidate / CANDIDATES_PER_EXAM;
  }

  static String candidateId(int candidate) {
    return Integer.toString(2_000_000 + candidate);
  }

  private static String accessCode(int candidate) {
    return "code-" + Integer.toHexString(candidate * 7919 + 13);
  }

  RosterEntry entry(int candidate) {
    String id = candidateId(candidate);
    return new RosterEntry(INSTITUTION, examId(candidate), id, key.mac(accessCode(candidate)),
        "Candidate " + id, id + "@bench.examhub.invalid", "https://bench.examhub.invalid/photos/" + id + ".jpg",
        "Bench candidate", "Seat " + candidate % CANDIDATES_PER_EXAM, 0, 1);
  }

  void load(String bootstrap) {
    try (Prefill producer = new Prefill(bootstrap)) {
      for (int c = 0; c < size; c++) {
        RosterEntry e = entry(c);
        producer.send(Topics.ROSTER, e.key(), e);
      }
      producer.flush();
    }
  }

  /** Whether the store holds the last candidate of every exam (each exam's entries are written in order). */
  boolean visible(RosterStore store) {
    try {
      for (int exam = 0; exam < exams(); exam++) {
        int last = Math.min(size, (exam + 1) * CANDIDATES_PER_EXAM) - 1;
        Optional<RosterEntry> e = store.candidate(INSTITUTION, examId(last), candidateId(last));
        if (e.isEmpty()) {
          return false;
        }
      }
      return true;
    } catch (RosterStore.Unavailable e) {
      return false;
    }
  }

  /** The body of candidate {@code c}'s request, with the right access code or a wrong one. */
  String body(int c, boolean rightCode) {
    String code = rightCode ? accessCode(c) : "wrong-" + c;
    return "{\"event\":\"verify_respondent\",\"fields\":[{\"position\":0,\"value\":\"" + candidateId(c)
        + "\"},{\"position\":1,\"value\":\"" + code + "\"}],\"exam_id\":\"" + examId(c) + "\",\"choosenLang\":\"nb\"}";
  }

  /** wrk's pool: {@code - body} lines (no signature: the vendor authenticates with fixed headers). */
  List<String> requests(int count) {
    List<String> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int c = (int) ((i * 7919L) % size);
      String body = i % UNKNOWN_EVERY == 0
          ? body(c, true).replace(candidateId(c), "9" + candidateId(c))
          : body(c, i % WRONG_CODE_EVERY != 0);
      lines.add("- " + body);
    }
    return lines;
  }
}
