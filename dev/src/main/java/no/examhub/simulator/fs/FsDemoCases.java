package no.examhub.simulator.fs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import no.examhub.event.ExamSystem;

/**
 * The demo institution's (institusjonsnr 9999) FS cases, for each exam system: an active appeal,
 * a withdrawn appeal of another candidate, and an explanation request. Person numbers and names
 * are made up.
 */
final class FsDemoCases {
  static final String INSTITUSJONSNR = "9999";

  private FsDemoCases() {}

  static void addTo(FsSimulator fs, Instant changedAt) {
    add(fs, ExamSystem.INSPERA, "DEMO-INF1000-2026H", 100, changedAt);
    add(fs, ExamSystem.WISEFLOW, "DEMO-EXPHIL-2026H", 200, changedAt);
  }

  private static void add(FsSimulator fs, ExamSystem system, String vurdId, int candidates, Instant changedAt) {
    LocalDate sensurfrist = LocalDate.of(2026, 12, 15);
    fs.putAppeal(system, INSTITUSJONSNR, changedAt,
        klage(vurdId, candidates + 1, "Kari", "Nordmann", "AKTIV", sensurfrist));
    fs.putAppeal(system, INSTITUSJONSNR, changedAt,
        klage(vurdId, candidates + 2, "Ola", "Nordmann", "TRUKKET", sensurfrist));
    Map<String, Object> begrunnelse = new LinkedHashMap<>();
    begrunnelse.put("vurdId", vurdId);
    begrunnelse.put("personlopenr", personlopenr(candidates + 3));
    begrunnelse.put("kandidatnr", Integer.toString(candidates + 3));
    begrunnelse.put("brukernavn", "demo" + (candidates + 3));
    begrunnelse.put("kommisjonsId", "K1");
    begrunnelse.put("datoKlageMottat", "2026-11-20");
    begrunnelse.put("datoVedtakFormidlet", "2026-11-10");
    fs.putExplanationRequest(system, INSTITUSJONSNR, changedAt, begrunnelse);
  }

  private static Map<String, Object> klage(String vurdId, int kandidatnr, String fornavn, String etternavn,
      String klagestatus, LocalDate sensurfrist) {
    Map<String, Object> klage = new LinkedHashMap<>();
    klage.put("vurdId", vurdId);
    klage.put("personlopenr", personlopenr(kandidatnr));
    klage.put("kandidatnr", Integer.toString(kandidatnr));
    klage.put("brukernavn", "demo" + kandidatnr);
    klage.put("fornavn", fornavn);
    klage.put("etternavn", etternavn);
    klage.put("klagestatus", klagestatus);
    klage.put("sensurfrist", sensurfrist.toString());
    klage.put("kommisjonsidOppr", "K1");
    klage.put("kommisjonsidNy", "AKTIV".equals(klagestatus) ? "K2" : null);
    return klage;
  }

  /** Shaped like a fødselsnummer (11 digits), so the log scan has something real to look for. */
  private static String personlopenr(int kandidatnr) {
    return String.format("010199%05d", kandidatnr);
  }
}
