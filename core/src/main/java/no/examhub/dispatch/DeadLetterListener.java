package no.examhub.dispatch;

import no.examhub.event.FailedCommand;

/** Told of every command dispatch gives up on, after it is on the dead-letter topic (alerts). */
@FunctionalInterface
public interface DeadLetterListener {
  DeadLetterListener NONE = failed -> {};

  void deadLettered(FailedCommand failed);
}
