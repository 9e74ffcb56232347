package no.examhub.access;

/** The scopes a bearer token can carry. */
public final class Scopes {
  /** Metrica itself: posts test-published, results and feedback events. */
  public static final String METRICA_PUBLISH = "metrica:publish";
  /** Test players and DFE: read the event queue and the pass-through endpoints. */
  public static final String METRICA_CONSUME = "metrica:consume";
  /** Operators: the operator API. */
  public static final String ADMIN = "admin";
  /** Operators who may erase a candidate (docs/operations.md, "Personal data"); not implied by admin. */
  public static final String ERASURE = "erasure";

  private Scopes() {}
}
