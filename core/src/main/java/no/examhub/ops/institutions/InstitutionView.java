package no.examhub.ops.institutions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.examhub.event.ExamSystem;
import no.examhub.institution.Institution;
import no.examhub.institution.PartnerSettings;
import no.examhub.institution.WebhookSecrets;

/**
 * An institution as the operator API shows it: secrets are write-only, so each one that is set
 * reads {@code "***"} and one that is not reads null; ids that are not secrets are shown.
 */
record InstitutionView(String shortName, String orgId, String institutionNumber, ExamSystem examSystem,
    String instance, String fsEnvironment, boolean active, boolean appealsEnabled, boolean explanationsEnabled,
    String appealFilter, Secrets secrets, PartnerSettings partners) {

  static final String HIDDEN = "***";

  record Secrets(List<String> inspera, String proctoringClientId, String proctoringClientSecret, String proviewToken,
      Map<String, List<String>> standard) {}

  static InstitutionView of(Institution i) {
    WebhookSecrets s = i.secrets();
    Map<String, List<String>> standard = new LinkedHashMap<>();
    s.standard().forEach((source, secrets) -> standard.put(source, secrets.stream().map(x -> HIDDEN).toList()));
    return new InstitutionView(i.shortName(), i.orgId(), i.institutionNumber(), i.examSystem(), i.instance(),
        i.fsEnvironment(), i.active(), i.appealsEnabled(), i.explanationsEnabled(), i.appealFilter(),
        new Secrets(s.inspera().stream().map(x -> HIDDEN).toList(), s.proctoringClientId(), hide(s.proctoringClientSecretHash()),
            hide(s.proviewTokenHash()), standard), i.partners());
  }

  private static String hide(String secret) {
    return secret == null || secret.isEmpty() ? null : HIDDEN;
  }
}
