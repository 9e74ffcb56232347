package no.examhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The load printed with every figure, as uptime shows it. */
class MachineTest {

  @Test
  void loadAverageIsTheFirstThreeFieldsOfLoadavg() {
    assertThat(Machine.fromLoadavg("7.45 4.09 1.92 3/812 123456\n")).isEqualTo("load average 7.45, 4.09, 1.92");
  }

  @Test
  void anUnreadableLoadavgIsSaidToBeUnknown() {
    assertThat(Machine.fromLoadavg("")).isEqualTo("load average unknown");
  }
}
