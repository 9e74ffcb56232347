package no.examhub.event;

import java.time.Instant;
import no.examhub.platform.streams.ContentHash;

/**
 * An operator's request to erase one candidate of one institution from Examhub's stores. It names
 * the candidate only by {@link #candidateHash}, so the erasure topic itself keeps no candidate
 * number in clear. The operator API writes one copy to every partition of {@code examhub.erasures}
 * (keyed by {@code erasureId}), so every task of the case topology sees it and erases its own part.
 */
public record ErasureRequest(String erasureId, String institution, String candidateHash, Instant requestedAt) {

  /** What a case, a roster entry or a request compares: the SHA-256 of institution and candidate number. */
  public static String candidateHash(String institution, String kandidatnr) {
    return ContentHash.of("erasure-candidate", institution, kandidatnr);
  }
}
