package no.examhub.platform.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartedTest {
  @Test
  void partsCloseInReverseOrderAndOneThatFailsDoesNotKeepTheOthersOpen() {
    List<String> closed = new ArrayList<>();
    Started started = new Started();
    started.remember(() -> closed.add("broker"));
    started.remember(() -> {
      closed.add("store");
      throw new IllegalStateException("store would not close");
    });
    started.remember(() -> closed.add("http"));

    started.close();

    assertThat(closed).containsExactly("http", "store", "broker");
  }

  @Test
  void closingTwiceClosesEachPartOnce() {
    List<String> closed = new ArrayList<>();
    Started started = new Started();
    started.remember(() -> closed.add("http"));

    started.close();
    started.close();

    assertThat(closed).containsExactly("http");
  }
}
