package no.examhub.faults.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import no.examhub.simulator.script.PartnerScript;

/**
 * What a partner simulator received for the commands of one operation, by the thing each call is
 * about: how often it was applied (must be once), how many calls its scripted outage refused, how
 * many repeated an applied one (a repeat after a crash, which must carry the command's id as
 * Idempotency-Key, so the partner does not apply it again), and calls whose key was not the
 * command's.
 */
record PartnerTally(String partner, int things, long calls, long refused, long repeats, Set<String> notApplied,
    Set<String> appliedTwice, Set<String> wrongKey) {

  /**
   * @param thingOf the business key a call is about, or null for calls of other operations
   * @param idByThing the command id each thing's calls must carry as Idempotency-Key
   */
  static PartnerTally of(String partner, List<PartnerScript.Call> allCalls, Function<PartnerScript.Call, String> thingOf,
      Map<String, String> idByThing) {
    Map<String, Integer> applied = new HashMap<>();
    Set<String> wrongKey = new TreeSet<>();
    long calls = 0;
    long refused = 0;
    long repeats = 0;
    for (PartnerScript.Call call : allCalls) {
      String thing = thingOf.apply(call);
      if (thing == null) {
        continue;
      }
      calls++;
      if (call.failedWith() != 0) {
        refused++;
      } else if (call.applied()) {
        applied.merge(thing, 1, Integer::sum);
      } else {
        repeats++;
      }
      if (!String.valueOf(idByThing.get(thing)).equals(call.idempotencyKey())) {
        wrongKey.add(thing);
      }
    }
    Set<String> notApplied = new TreeSet<>(idByThing.keySet());
    notApplied.removeAll(applied.keySet());
    Set<String> twice = new TreeSet<>();
    applied.forEach((thing, n) -> {
      if (n > 1) {
        twice.add(thing);
      }
    });
    return new PartnerTally(partner, idByThing.size(), calls, refused, repeats, notApplied, twice, wrongKey);
  }

  void addTo(Figures f) {
    f.add(partner + " calls", calls)
        .add(partner + " calls refused by a scripted outage", refused)
        .add(partner + " applied once", things - notApplied.size() - appliedTwice.size())
        .add(partner + " not applied", notApplied.size())
        .add(partner + " applied twice", appliedTwice.size())
        .add(partner + " repeats with the same Idempotency-Key", repeats)
        .add(partner + " calls with another key than the command id", wrongKey.size());
  }
}
