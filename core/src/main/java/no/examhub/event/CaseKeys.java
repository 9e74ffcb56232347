package no.examhub.event;



/**
 * The key of a candidate's case, {@code institution/vurdId/kandidatnr}: FS records, the commands
 * they cause and those commands' outcomes all carry it, so one case lives on one partition.
 */
public final class CaseKeys {
  private CaseKeys() {}

  public static String of(String institution, String vurdId, String kandidatnr) {
    return institution + "/" + vurdId + "/" + kandidatnr;
  }
}
