package no.examhub.partner.proctoring;

import java.util.Locale;
import java.util.Map;

/**
 * Why a respondent may not enter an exam, in the words the vendor shows the respondent: in
 * their {@code choosenLang} when we have it (English, Norwegian Bokmål and Nynorsk), else English.
 */
enum Rejection {
  UNKNOWN_EXAM(
      "This exam is not known. Please contact the exam office.",
      "Eksamenen er ukjent. Kontakt eksamenskontoret.",
      "Eksamenen er ukjend. Kontakt eksamenskontoret."),
  UNKNOWN_CANDIDATE(
      "This candidate is not registered for this exam.",
      "Kandidaten er ikke meldt opp til denne eksamenen.",
      "Kandidaten er ikkje meld opp til denne eksamenen."),
  WRONG_ACCESS_CODE(
      "Wrong access code.",
      "Feil tilgangskode.",
      "Feil tilgangskode."),
  MISSING_FIELDS(
      "Please fill in both your candidate id and your access code.",
      "Fyll inn både kandidatnummer og tilgangskode.",
      "Fyll inn både kandidatnummer og tilgangskode.");

  private final Map<String, String> byLanguage;

  Rejection(String english, String bokmal, String nynorsk) {
    // "no" is what most clients send for Norwegian; it is read as Bokmål, the majority written form.
    this.byLanguage = Map.of("en", english, "no", bokmal, "nb", bokmal, "nn", nynorsk);
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
}
