package no.examhub.bench;

import java.util.Locale;

/**
 * Issue 15's ingress targets from one run of the ingress phase: the ingress-only instance
 * ({@code EXAMHUB_ROLES=ingress}) at saturation against the no-op route and the naive endpoint,
 * the full instance against the naive endpoint, and the ingress-only instance's p99 at half its
 * own saturation rate. Every rate is the achieved one, in requests per second.
 *
 * @param noop the no-op POST at saturation (the HTTP ceiling)
 * @param naive the naive endpoint at saturation (produce, answer on the acknowledgement)
 * @param ingressOnly the ingress-only instance at saturation
 * @param full the full instance (all four roles, topology running) at saturation
 * @param halfAchieved what the ingress-only instance achieved when offered half its saturation rate
 * @param halfP99ms the ingress-only instance's p99 at that rate
 * @param naiveHalfP99ms the naive endpoint's p99 at the same offered rate (the machine's own tail there)
 * @param noopHalfP99ms the no-op route's p99 at the same offered rate
 */
record IngressTargets(double noop, double naive, double ingressOnly, double full, double halfAchieved,
    double halfP99ms, double naiveHalfP99ms, double noopHalfP99ms) {
  static final double MIN_OF_NAIVE = 0.8;
  static final double MAX_HALF_LOAD_P99_MS = 10.0;

  /** The rate to offer for "half of its saturation rate": rounded, and never 0 (wrk needs a rate). */
  static int halfOf(double saturation) {
    return (int) Math.max(1, Math.round(saturation / 2));
  }

  double ingressOnlyPerNaive() {
    return ratio(ingressOnly, naive);
  }

  double ingressOnlyPerNoop() {
    return ratio(ingressOnly, noop);
  }

  double fullPerNaive() {
    return ratio(full, naive);
  }

  boolean ratioMet() {
    return ingressOnlyPerNaive() >= MIN_OF_NAIVE;
  }

  /** A p99 that wrk did not report (NaN) is not a met target. */
  boolean latencyMet() {
    return halfP99ms < MAX_HALF_LOAD_P99_MS;
  }

  String summary() {
    return String.format(Locale.ROOT, "ingress-only/naive = %.2f (target >= %.1f: %s), ingress-only/no-op = %.2f,"
        + " full/naive = %.2f; ingress-only at half its saturation (%d/s offered, %.0f/s achieved): p99 %.2f ms"
        + " (target < %.0f ms: %s); at the same rate the naive endpoint's p99 %.2f ms (ingress-only/naive %.2f),"
        + " the no-op route's %.2f ms", ingressOnlyPerNaive(), MIN_OF_NAIVE, verdict(ratioMet()), ingressOnlyPerNoop(),
        fullPerNaive(), halfOf(ingressOnly), halfAchieved, halfP99ms, MAX_HALF_LOAD_P99_MS, verdict(latencyMet()),
        naiveHalfP99ms, ratio(halfP99ms, naiveHalfP99ms), noopHalfP99ms);
  }

  private static double ratio(double a, double b) {
    return b == 0 ? Double.NaN : a / b;
  }

  private static String verdict(boolean met) {
    return met ? "met" : "missed";
  }
}
