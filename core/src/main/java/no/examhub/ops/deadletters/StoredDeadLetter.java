package no.examhub.ops.deadletters;

import no.examhub.event.FailedCommand;

/** A failed command as it is stored on the dead-letter topic, with its id and Kafka key. */
public record StoredDeadLetter(String id, String key, FailedCommand failed) {}
