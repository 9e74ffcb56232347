package no.examhub.partner.fs;

/**
 * An appeal (klage) as FS sends it in its JSON lists (seed 003). Kept as FS's strings so a date
 * FS formats differently fails in {@link FsRecords}, with the field's name and nothing of the
 * person. Only the fields a flow reads: FS also sends the person number, user name and names
 * ({@code personlopenr}, {@code brukernavn}, {@code fornavn}, {@code etternavn}), which
 * {@code Json.MAPPER} ignores as unknown fields, so they are never held.
 */
record FsKlage(
    String vurdId,
    String kandidatnr,
    String klagestatus,
    String sensurfrist,
    String kommisjonsidOppr,
    String kommisjonsidNy) {

  @Override
  public String toString() {
    return "FsKlage[vurdId=" + vurdId + ", kandidatnr=" + kandidatnr + ", klagestatus=" + klagestatus + "]";
  }
}
