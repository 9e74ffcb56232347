package no.examhub.partner.metrica;

import java.util.Optional;

/**
 * A results event's id in the queue: its partition and offset on {@code examhub.raw.metrica},
 * written {@code 2-17}. Deterministic and stable across restarts, unlike anything a caller sends.
 */
record MessageId(int partition, long offset) {

  static Optional<MessageId> parse(String text) {
    int dash = text == null ? -1 : text.indexOf('-');
    if (dash < 1 || dash > 9 || text.length() - dash > 20) {
      return Optional.empty();
    }
    try {
      return Optional.of(new MessageId(Integer.parseInt(text.substring(0, dash)),
          Long.parseLong(text.substring(dash + 1))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return partition + "-" + offset;
  }
}
