package no.examhub.partner.proctoring;

import java.util.Locale;
import java.util.Map;

/**
 * Why a respondent may not enter an exam. The reason is kept on the verification record for the
 * operators; what the respondent (and so anyone trying names) is shown is one and the same text for
 * an unknown exam, a candidate not on the exam and a wrong code, so the answer does not tell who is
 * enrolled where. Shown in their {@code choosenLang} when we have it (English, Norwegian Bokmål and
 * Nynorsk), else in English.
 */
enum Rejection {
  UNKNOWN_EXAM(Texts.NOT_ADMITTED),
  UNKNOWN_CANDIDATE(Texts.NOT_ADMITTED),
  WRONG_ACCESS_CODE(Texts.NOT_ADMITTED),
  MISSING_FIELDS(Map.of(
      "en", "Please fill in both your candidate id and your access code.",
      "no", "Fyll inn både kandidatnummer og tilgangskode.",
      "nn", "Fyll inn både kandidatnummer og tilgangskode.")),
  TOO_MANY_ATTEMPTS(Map.of(
      "en", "Too many attempts. Please wait a while, or contact the exam office.",
      "no", "For mange forsøk. Vent en stund, eller kontakt eksamenskontoret.",
      "nn", "For mange forsøk. Vent ei stund, eller kontakt eksamenskontoret."));

  private final Map<String, String> byLanguage;

  Rejection(Map<String, String> texts) {
    // "no" is what most clients send for Norwegian; it is read as Bokmål, the majority written form.
    this.byLanguage = Map.of("en", texts.get("en"), "no", texts.get("no"), "nb", texts.get("no"), "nn", texts.get("nn"));
  }

  /** The message for a language tag such as {@code nb}, {@code nn-NO} or {@code ru}. */
  String message(String language) {
    return byLanguage.getOrDefault(primary(language), byLanguage.get("en"));
  }

  private static String primary(String language) {
    if (language == null) {
      return "en";
    }
    String tag = language.trim().toLowerCase(Locale.ROOT);
    int cut = tag.indexOf('-') >= 0 ? tag.indexOf('-') : tag.indexOf('_');
    return cut >= 0 ? tag.substring(0, cut) : tag;
  }

  private static final class Texts {
    static final Map<String, String> NOT_ADMITTED = Map.of(
        "en", "The candidate id or access code is not right for this exam. Please check them, or contact the exam office.",
        "no", "Kandidatnummeret eller tilgangskoden stemmer ikke for denne eksamenen. Sjekk dem, eller kontakt eksamenskontoret.",
        "nn", "Kandidatnummeret eller tilgangskoden stemmer ikkje for denne eksamenen. Sjekk dei, eller kontakt eksamenskontoret.");
  }
}
