package no.examhub.ops.deadletters;

import java.util.List;

/**
 * What {@code POST /api/dead-letters/replay} selects: exactly one of {@code ids}, a filter
 * (partner, institution, operation, errorCode) or {@code all}; {@code force} replays dead letters
 * that were replayed before; {@code reason}, optional, is kept in the audit with each replay.
 */
record ReplayRequest(List<String> ids, String partner, String institution, String operation, String errorCode,
    Boolean all, Boolean force, String reason) {

  DeadLetterFilter filter() {
    return new DeadLetterFilter(partner, institution, operation, errorCode);
  }

  boolean hasIds() {
    return ids != null && !ids.isEmpty();
  }

  boolean isAll() {
    return Boolean.TRUE.equals(all);
  }

  boolean forced() {
    return Boolean.TRUE.equals(force);
  }
}
