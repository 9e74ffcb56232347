package no.examhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The topology JVM's memory report: one line it prints, read back by the bench; RSS from /proc. */
class MemorySampleTest {

  @Test
  void aSampleReadsBackFromItsLine() {
    MemorySample sample = new MemorySample(100, 200, 50, 512L << 20, 1_234, 56_789, 300L << 20, 400L << 20);

    assertThat(MemorySample.parse(sample.line())).isEqualTo(sample);
  }

  @Test
  void linesThatAreNotSamplesAreIgnored() {
    assertThat(MemorySample.parse("11:42:01 INFO Kafka Streams REBALANCING -> RUNNING")).isNull();
    assertThat(MemorySample.parse(TopologyProcess.STARTING + "1764000000000")).isNull();
    assertThat(MemorySample.parse(null)).isNull();
  }

  @Test
  void rssAndItsPeakComeFromVmRssAndVmHwmInKilobytes() {
    String status = """
        Name:\tjava
        VmPeak:\t 5824072 kB
        VmHWM:\t  612340 kB
        VmRSS:\t  598016 kB
        Threads:\t42
        """;

    long[] rss = MemorySample.rssFromStatus(status);

    assertThat(rss[0]).isEqualTo(598_016L * 1024);
    assertThat(rss[1]).isEqualTo(612_340L * 1024);
  }

  @Test
  void aStatusWithoutRssGivesZero() {
    assertThat(MemorySample.rssFromStatus("Name:\tjava\n")).containsExactly(0, 0);
  }

  @Test
  void thisProcessHasAnRssOnLinux() {
    assertThat(MemorySample.rssOfThisProcess()[0]).isPositive();
  }
}
