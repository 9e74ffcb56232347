package no.examhub.ops.institutions;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.examhub.event.ExamSystem;
import no.examhub.institution.Institution;
import no.examhub.institution.PartnerSettings;
import no.examhub.institution.WebhookSecrets;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;

/**
 * The body of {@code PUT /api/institutions/{shortName}}: the whole configuration, with secrets in
 * clear. A secret left out (or sent back as {@code "***"}, as a GET shows it) keeps its stored
 * value, so an operator can change one field without knowing any secret. {@code partners} left
 * out keeps the stored partner settings; sent, it replaces them whole. Clear values partners
 * send us (proctoring client secret, Proview token) are stored only as SHA-256.
 */
record InstitutionUpdate(String orgId, String institutionNumber, ExamSystem examSystem, String instance,
    String fsEnvironment, Boolean active, Boolean appealsEnabled, Boolean explanationsEnabled, String appealFilter,
    Secrets secrets, PartnerSettings partners) {

  /** FS's two servers (../shared/partners/README.md): the environment picks one. */
  static final List<String> FS_ENVIRONMENTS = List.of("test", "prod");

  /**
   * @param inspera one secret or several (rotation); {@code "***"} among them stands for every secret
   *     stored now, so {@code ["new", "***"]} adds a secret beside the old ones and {@code ["new"]}
   *     leaves only the new one
   */
  record Secrets(@JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> inspera,
      String proctoringClientId, String proctoringClientSecret, String proviewToken,
      Map<String, List<String>> standard) {}

  Institution apply(String shortName, Institution existing) {
    List<String> missing = new ArrayList<>();
    require(orgId, "orgId", missing);
    require(institutionNumber, "institutionNumber", missing);
    require(instance, "instance", missing);
    require(fsEnvironment, "fsEnvironment", missing);
    if (examSystem == null) {
      missing.add("examSystem");
    }
    if (fsEnvironment != null && !FS_ENVIRONMENTS.contains(fsEnvironment)) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "fsEnvironment must be one of " + FS_ENVIRONMENTS);
    }
    if (!missing.isEmpty()) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "missing or blank: " + String.join(", ", missing));
    }
    WebhookSecrets old = existing == null ? WebhookSecrets.NONE : existing.secrets();
    Secrets s = secrets == null ? new Secrets(null, null, null, null, null) : secrets;
    WebhookSecrets merged = new WebhookSecrets(inspera(s.inspera(), old.inspera()),
        s.proctoringClientId() == null ? old.proctoringClientId() : s.proctoringClientId(),
        given(s.proctoringClientSecret()) ? Hmac.sha256Hex(s.proctoringClientSecret()) : old.proctoringClientSecretHash(),
        given(s.proviewToken()) ? Hmac.sha256Hex(s.proviewToken()) : old.proviewTokenHash(),
        standard(s.standard(), old.standard()));
    try {
      return new Institution(shortName, orgId, institutionNumber, examSystem, instance, fsEnvironment,
          active == null || active, appealsEnabled == null || appealsEnabled,
          explanationsEnabled == null || explanationsEnabled, appealFilter == null ? "" : appealFilter, merged,
          partners != null ? partners : existing == null ? null : existing.partners());
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, e.getMessage());
    }
  }

  /** Per source: a list of "***" keeps that source's secrets; a source left out is removed. */
  private static Map<String, List<String>> standard(Map<String, List<String>> given, Map<String, List<String>> old) {
    if (given == null) {
      return old;
    }
    Map<String, List<String>> merged = new LinkedHashMap<>();
    given.forEach((source, secrets) -> {
      boolean hidden = secrets != null && !secrets.isEmpty() && secrets.stream().allMatch(InstitutionView.HIDDEN::equals);
      if (secrets == null || secrets.isEmpty() || secrets.stream().anyMatch(x -> x == null || x.isBlank())) {
        throw new ApiException(ErrorCode.MALFORMED_REQUEST, "standard." + source + " needs at least one secret");
      }
      merged.put(source, hidden ? old.getOrDefault(source, List.of()) : List.copyOf(secrets));
    });
    return merged;
  }

  private static List<String> inspera(List<String> given, List<String> old) {
    if (given == null || given.stream().allMatch(x -> x == null || x.isBlank())) {
      return old;
    }
    java.util.LinkedHashSet<String> merged = new java.util.LinkedHashSet<>();
    for (String secret : given) {
      if (InstitutionView.HIDDEN.equals(secret)) {
        merged.addAll(old);
      } else if (given(secret)) {
        merged.add(secret);
      }
    }
    return List.copyOf(merged);
  }

  private static boolean given(String secret) {
    return secret != null && !secret.isBlank() && !InstitutionView.HIDDEN.equals(secret);
  }

  private static void require(String value, String name, List<String> missing) {
    if (value == null || value.isBlank()) {
      missing.add(name);
    }
  }
}
