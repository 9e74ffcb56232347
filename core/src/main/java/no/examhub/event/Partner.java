package no.examhub.event;



/** The external systems Examhub sends commands to; each has its own command topic and worker. */
public enum Partner {
  FS("fs"),
  INSPERA("inspera"),
  WISEFLOW("wiseflow"),
  PROVIEW("proview"),
  ARCHIVE("archive"),
  METRICA("metrica");

  private final String id;

  Partner(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
