package no.examhub.ops.deadletters;

import no.examhub.event.Command;
import no.examhub.event.FailedCommand;

/** Which dead letters an operator means; a null field matches anything. */
public record DeadLetterFilter(String partner, String institution, String operation, String errorCode) {

  public boolean isEmpty() {
    return partner == null && institution == null && operation == null && errorCode == null;
  }

  public boolean matches(FailedCommand f) {
    Command c = f.command();
    return c != null && is(partner, c.partner() == null ? null : c.partner().id()) && is(institution, c.institution())
        && is(operation, c.operation()) && is(errorCode, f.errorCode());
  }

  private static boolean is(String wanted, String actual) {
    return wanted == null || wanted.equals(actual);
  }
}
