package no.examhub.flow.cases;

import java.util.List;
import no.examhub.event.Command;

/** What a rule decided: the case's new state and the commands to emit, both or neither. */
record Decision(CaseState state, List<Command> commands) {
  static Decision of(CaseState state, Command... commands) {
    return new Decision(state, List.of(commands));
  }
}
