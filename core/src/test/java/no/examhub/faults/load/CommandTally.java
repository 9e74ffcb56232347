package no.examhub.faults.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import no.examhub.event.Command;

/**
 * The commands of one operation found on its topic, against those that must be there, counted two
 * ways: by command id (the same command written twice) and by business key (two different
 * commands for the same thing, which an idempotency key could not catch).
 */
record CommandTally(String operation, int expected, int found, Set<String> lost, Set<String> unexpected,
    Set<String> duplicateIds, Set<String> duplicateKeys, Map<String, String> idByKey) {

  static CommandTally of(String operation, Set<String> expectedKeys, List<Command> onTopic,
      Function<Command, String> businessKey) {
    Map<String, Integer> byId = new HashMap<>();
    Map<String, Integer> byKey = new HashMap<>();
    Map<String, String> idByKey = new HashMap<>();
    List<Command> ofOperation = new ArrayList<>();
    for (Command c : onTopic) {
      if (operation.equals(c.operation())) {
        ofOperation.add(c);
        byId.merge(c.commandId(), 1, Integer::sum);
        byKey.merge(businessKey.apply(c), 1, Integer::sum);
        idByKey.put(businessKey.apply(c), c.commandId());
      }
    }
    Set<String> lost = new TreeSet<>(expectedKeys);
    lost.removeAll(byKey.keySet());
    Set<String> unexpected = new TreeSet<>(byKey.keySet());
    unexpected.removeAll(expectedKeys);
    return new CommandTally(operation, expectedKeys.size(), ofOperation.size(), lost, unexpected,
        moreThanOnce(byId), moreThanOnce(byKey), idByKey);
  }

  private static Set<String> moreThanOnce(Map<String, Integer> counts) {
    Set<String> more = new TreeSet<>();
    counts.forEach((k, n) -> {
      if (n > 1) {
        more.add(k);
      }
    });
    return more;
  }

  void addTo(Figures f) {
    f.add(operation + " commands expected", expected)
        .add(operation + " commands found (read_committed)", found)
        .add(operation + " lost", lost.size())
        .add(operation + " duplicates by command id", duplicateIds.size())
        .add(operation + " duplicates by business key", duplicateKeys.size())
        .add(operation + " unexpected", unexpected.size());
  }
}
