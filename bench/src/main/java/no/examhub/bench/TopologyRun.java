package no.examhub.bench;

/**
 * What one topology or replay run measured. Times are epoch millis; CPU milliseconds are those the
 * Streams and broker JVMs spent from Streams start to the last output.
 *
 * @param steadyRate input records per second over the second half of the outputs
 * @param benchCores the bench JVM's own CPU while it waited (the output counter)
 */
record TopologyRun(Completion.State state, long startMillis, long firstOutputMillis, long endMillis,
    double steadyRate, double benchCores, long topologyCpuMillis, long brokerCpuMillis) {

  double seconds() {
    return (endMillis - startMillis) / 1000.0;
  }

  double firstOutputSeconds() {
    return (firstOutputMillis - startMillis) / 1000.0;
  }

  double topologyMicrosPerRecord(long records) {
    return topologyCpuMillis * 1000.0 / records;
  }

  double brokerMicrosPerRecord(long records) {
    return brokerCpuMillis * 1000.0 / records;
  }
}
