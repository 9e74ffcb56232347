package no.examhub.access;

/** The scopes a bearer token can carry. */
public final class Scopes {
  /** Metrica itself: posts test-published, results and feedback events. */
  public static final String METRICA_PUBLISH = "metrica:publish";
  /** DFE: peek-lock and acknowledge Metrica's results-event queue. */
  public static final String METRICA_QUEUE = "metrica:queue";
  /** Test players, DFE, Cambridge Portal: the pass-through reads (published tests, responses, results). */
  public static final String METRICA_READ = "metrica:read";
  /** Test players: the pass-through write, {@code saveResponse}. */
  public static final String METRICA_WRITE = "metrica:write";
  /**
   * Before the split: queue, reads and writes in one. A token that still carries it keeps all
   * three (it was issued for them); new tokens get the narrow scopes. See docs/partners.md.
   */
  public static final String METRICA_CONSUME = "metrica:consume";
  /** Operators: the operator API. */
  public static final String ADMIN = "admin";
  /** Operators who may erase a candidate (docs/operations.md, "Personal data"); not implied by admin. */
  public static final String ERASURE = "erasure";

  private Scopes() {}

  /** Whether {@code held} grants {@code needed}: itself, or the old {@code metrica:consume} for its three. */
  public static boolean grants(java.util.Set<String> held, String needed) {
    return held.contains(needed) || (held.contains(METRICA_CONSUME)
        && (METRICA_QUEUE.equals(needed) || METRICA_READ.equals(needed) || METRICA_WRITE.equals(needed)));
  }
}
