package no.examhub.partner.metrica;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageIdTest {
  @Test
  void readsWhatItWrites() {
    assertThat(MessageId.parse(new MessageId(3, 12345L).toString())).contains(new MessageId(3, 12345L));
  }

  @Test
  void anythingElseIsNoMessageId() {
    assertThat(MessageId.parse("abc")).isEmpty();
    assertThat(MessageId.parse("-1")).isEmpty();
    assertThat(MessageId.parse("1-x")).isEmpty();
    assertThat(MessageId.parse("1-" + "9".repeat(30))).isEmpty();
    assertThat(MessageId.parse(null)).isEmpty();
  }
}
