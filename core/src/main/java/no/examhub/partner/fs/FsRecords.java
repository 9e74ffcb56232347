package no.examhub.partner.fs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import no.examhub.event.FsAppeal;
import no.examhub.event.FsExplanationRequest;
import no.examhub.institution.Institution;

/**
 * FS's wire records into Examhub's own: the fields a flow reads, nothing of the person beyond the
 * candidate number.
 * The institution is the one polled for, not something FS says.
 */
final class FsRecords {
  private FsRecords() {}

  static FsAppeal appeal(Institution institution, FsKlage k, Instant polledAt) {
    return new FsAppeal(institution.shortName(), institution.examSystem(), required("vurdId", k.vurdId()),
        required("kandidatnr", k.kandidatnr()), required("klagestatus", k.klagestatus()), date("sensurfrist", k.sensurfrist()),
        k.kommisjonsidOppr(), k.kommisjonsidNy(), polledAt);
  }

  static FsExplanationRequest explanationRequest(Institution institution, FsBegrunnelseForesporsel b,
      Instant polledAt) {
    return new FsExplanationRequest(institution.shortName(), institution.examSystem(),
        required("vurdId", b.vurdId()), required("kandidatnr", b.kandidatnr()),
        date("datoKlageMottat", b.datoKlageMottat()), polledAt);
  }

  private static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new FsException(FsException.MISSING_FIELD, "an FS record has no " + field);
    }
    return value.trim();
  }

  /** FS writes dates as {@code 2026-12-15}, sometimes with a time after them; the date is what counts. */
  private static LocalDate date(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.trim();
    try {
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      // The value itself stays out of the message: it is FS's data, not ours to log.
      throw new FsException(FsException.BAD_DATE, "an FS record has an unreadable " + field);
    }
  }
}
