package no.examhub.flow.cases;



/**
 * What dispatch learnt when it resolved a case at Inspera: the test and the candidate's Inspera
 * user id that the case's events will name. Keyed {@code institution/testId}, like exam events.
 */
record CandidateLink(String institution, String testId, String candidateUserId, String caseKey) {
  String testKey() {
    return institution + "/" + testId;
  }
}
