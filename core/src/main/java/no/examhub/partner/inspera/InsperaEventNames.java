package no.examhub.partner.inspera;

import java.util.Map;
import java.util.Optional;
import no.examhub.event.ExamEventKinds;
import no.examhub.institution.PartnerSettings;

/**
 * A tenant's event names in Examhub's meanings ({@link ExamEventKinds}). Which names a tenant sends
 * is configuration ({@code partners.inspera.events}, defaults in {@link PartnerSettings.Inspera}):
 * only {@code confirm_final_grades} is publicly documented. The webhook route, which knows the
 * institution, puts the meaning beside the raw request ({@link #MEANING_HEADER}); the intake reads it.
 */
public final class InsperaEventNames {
  /** Set by the route on every stored Inspera request: the meaning, or empty for an unknown event. */
  public static final String MEANING_HEADER = "x-examhub-event-meaning";
  /** Inspera's validation POST for a new subscription (Inspera KB, "Webhooks"). */
  public static final String VERIFICATION = "verification";

  private InsperaEventNames() {}

  /** The meaning of the tenant's event name, if it is one of the configured ones. */
  public static Optional<String> meaningOf(PartnerSettings.Inspera tenant, String event) {
    for (Map.Entry<String, String> e : tenant.events().entrySet()) {
      if (e.getValue().equals(event)) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }
}
