package no.examhub.ops.deadletters;

import java.util.List;

/**
 * The answer to a replay.
 *
 * @param skipped ids replayed before (replay again with {@code force})
 * @param notFound requested ids that are no dead letter (wrong id, or past retention)
 */
record ReplayResult(int replayed, List<String> replayedIds, List<String> skipped, List<String> notFound) {}
