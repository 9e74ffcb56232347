package no.examhub.flow.cases;

import no.examhub.event.CaseForget;
import no.examhub.event.Command;

/** What the case processor emits: a command for a partner, or a forgotten case for the correlator. */
record CaseOutput(Command command, CaseForget forget) {
  static CaseOutput of(Command c) {
    return new CaseOutput(c, null);
  }

  static CaseOutput of(CaseForget f) {
    return new CaseOutput(null, f);
  }
}
