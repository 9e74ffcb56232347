package no.examhub.partner.fs;

/**
 * A request for an explanation of a grade (begrunnelse-forespørsel) as FS sends it (seed 003;
 * {@code datoKlageMottat} is FS's spelling). Holds a person number: never log one.
 */
record FsBegrunnelseForesporsel(
    String vurdId,
    String personlopenr,
    String kandidatnr,
    String brukernavn,
    String kommisjonsId,
    String datoKlageMottat,
    String datoVedtakFormidlet) {

  @Override
  public String toString() {
    return "FsBegrunnelseForesporsel[vurdId=" + vurdId + ", kandidatnr=" + kandidatnr + "]";
  }
}
