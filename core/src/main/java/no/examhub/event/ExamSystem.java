package no.examhub.event;



/** The exam systems FS talks to (FS's {@code examSystem} path parameter). */
public enum ExamSystem {
  INSPERA,
  WISEFLOW
}
