package no.examhub.partner.fs;

/**
 * An appeal (klage) as FS sends it in its JSON lists (seed 003). Kept as FS's strings so a date
 * FS formats differently fails in {@link FsRecords}, with the field's name and nothing of the
 * person. Unknown fields are tolerated by {@code Json.MAPPER}. Holds a person number and names:
 * never log one.
 */
record FsKlage(
    String vurdId,
    String personlopenr,
    String kandidatnr,
    String brukernavn,
    String fornavn,
    String etternavn,
    String klagestatus,
    String sensurfrist,
    String kommisjonsidOppr,
    String kommisjonsidNy) {

  @Override
  public String toString() {
    return "FsKlage[vurdId=" + vurdId + ", kandidatnr=" + kandidatnr + ", klagestatus=" + klagestatus + "]";
  }
}
