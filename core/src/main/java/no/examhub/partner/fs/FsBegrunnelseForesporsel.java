package no.examhub.partner.fs;

/**
 * A request for an explanation of a grade (begrunnelse-forespørsel) as FS sends it (seed 003;
 * {@code datoKlageMottat} is FS's spelling). Only the fields a flow reads: FS's
 * {@code personlopenr}, {@code brukernavn}, {@code kommisjonsId} and {@code datoVedtakFormidlet}
 * are ignored as unknown fields, so they are never held.
 */
record FsBegrunnelseForesporsel(
    String vurdId,
    String kandidatnr,
    String datoKlageMottat) {

  @Override
  public String toString() {
    return "FsBegrunnelseForesporsel[vurdId=" + vurdId + ", kandidatnr=" + kandidatnr + "]";
  }
}
