package no.examhub.institution;

import no.examhub.event.ExamSystem;

/**
 * One institution's configuration (seed 003: {@code KlageBegrunnelseEnvs} and {@code orgs}).
 *
 * @param shortName the name in Examhub's URLs, e.g. {@code demo}
 * @param institutionNumber FS's {@code institusjonsnr}
 * @param instance the exam system's instance (Inspera tenant, WISEflow licence)
 * @param fsEnvironment FS environment, e.g. {@code test} or {@code prod}
 * @param appealFilter optional filter of seed 003's {@code XklageFilter}; empty for none
 * @param partners where this institution's partners are (its own Inspera tenant, WISEflow licence,
 *     archive, Proview account); defaults when absent
 */
public record Institution(
    String shortName,
    String orgId,
    String institutionNumber,
    ExamSystem examSystem,
    String instance,
    String fsEnvironment,
    boolean active,
    boolean appealsEnabled,
    boolean explanationsEnabled,
    String appealFilter,
    WebhookSecrets secrets,
    PartnerSettings partners) {

  public Institution {
    if (shortName == null || !shortName.matches("[a-z0-9-]{1,40}")) {
      throw new IllegalArgumentException("shortName must be 1-40 of a-z, 0-9 and -");
    }
    secrets = secrets == null ? WebhookSecrets.NONE : secrets;
    partners = partners == null ? PartnerSettings.DEFAULTS : partners;
  }

  /** The same institution with other partner settings. */
  public Institution withPartners(PartnerSettings settings) {
    return new Institution(shortName, orgId, institutionNumber, examSystem, instance, fsEnvironment, active,
        appealsEnabled, explanationsEnabled, appealFilter, secrets, settings);
  }
}
