package no.examhub.faults.load;

/**
 * One SIGKILL of the crash test: how far the load was, whether a partner call was applied and
 * not yet answered at that instant (then its repeat after the restart is certain), the exit value
 * that proves the signal, and how long until the restarted Examhub served HTTP again.
 */
record Kill(long acknowledged, boolean duringPartnerCall, int exit, double secondsToServing) {
  @Override
  public String toString() {
    return String.format("after %,d acknowledged%s: exit %d, serving again after %.1f s", acknowledged,
        duringPartnerCall ? ", a partner call applied and unanswered" : ", no partner call under way", exit,
        secondsToServing);
  }
}
