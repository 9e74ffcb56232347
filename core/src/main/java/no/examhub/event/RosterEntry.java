package no.examhub.event;



/**
 * One candidate admitted to one proctored exam: what the proctoring vendor's
 * {@code verify_respondent} is checked against. Only the access code's HMAC-SHA256 under a
 * server-held key is kept (partner/proctoring/AccessCodeKey), so the roster topic and every store
 * built from it hold nothing a respondent could log in with, nor anything to try codes against
 * without the key. An entry written before the key (a plain SHA-256 in {@code accessCodeHash})
 * reads with no MAC and admits no one: re-upload such rosters.
 *
 * @param candidateId the identifier the respondent types, e.g. the candidate number
 * @param accessCodeMac HMAC-SHA256 (hex) of the access code under the server-held key; never the clear code
 * @param photoUrl a sharp picture of the respondent for face detection (at least 1500x1500)
 * @param data free text handed to the vendor as {@code metadata.data}
 * @param candidateIdPosition which {@code fields[].position} of the vendor's request carries the candidate id
 * @param accessCodePosition which {@code fields[].position} carries the access code
 */
public record RosterEntry(
    String institution,
    String examId,
    String candidateId,
    String accessCodeMac,
    String name,
    String email,
    String photoUrl,
    String about,
    String data,
    int candidateIdPosition,
    int accessCodePosition) {

  /** The roster topic's key: one entry per candidate and exam, so a re-upload replaces it. */
  public static String key(String institution, String examId, String candidateId) {
    return examPrefix(institution, examId) + candidateId;
  }

  /** What every key of one exam starts with. */
  public static String examPrefix(String institution, String examId) {
    return institution + "/" + examId + "/";
  }

  public String key() {
    return key(institution, examId, candidateId);
  }

  @Override
  public String toString() {
    return "RosterEntry[" + institution + "/" + examId + ", accessCodeMac=***]";
  }
}
