package no.examhub.ops.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import no.examhub.access.ApiClient;
import no.examhub.event.Partner;
import no.examhub.institution.ConnectionCheck;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.institution.PartnerEndpoints;
import no.examhub.ops.institutions.ConnectionChecks;

/**
 * The institutions page: each institution the operator may see, its configuration, where its
 * partners are, which credentials and webhook secrets are set (never their values), which flows
 * are on, and a "check connection" that calls its partners ({@link ConnectionChecks}, the same as
 * {@code ./examhub doctor}).
 */
final class InstitutionViews {
  private static final List<Partner> WITH_CREDENTIALS = List.of(Partner.FS, Partner.INSPERA, Partner.WISEFLOW,
      Partner.PROVIEW, Partner.ARCHIVE);

  private final InstitutionDirectory institutions;
  private final PartnerEndpoints endpoints;
  private final PartnerCredentialsRepository credentials;
  private final ConnectionChecks checks;

  InstitutionViews(InstitutionDirectory institutions, PartnerEndpoints endpoints, PartnerCredentialsRepository credentials,
      ConnectionChecks checks) {
    this.institutions = institutions;
    this.endpoints = endpoints;
    this.credentials = credentials;
    this.checks = checks;
  }

  /** @param checked the institution whose connection was just checked, if any */
  Pages.Institutions page(Layout layout, ApiClient operator, Optional<String> checked) {
    List<Pages.Institution> rows = new ArrayList<>();
    institutions.all().stream().filter(i -> operator.mayAccess(i.shortName()))
        .sorted(Comparator.comparing(Institution::shortName))
        .forEach(i -> rows.add(view(i, checked.filter(i.shortName()::equals).map(x -> checks.run(i)).orElse(List.of()))));
    return new Pages.Institutions(layout, rows, layout.csrf());
  }

  /** Whether the operator may check this institution: it exists and is theirs. */
  boolean visible(ApiClient operator, String name) {
    return operator.mayAccess(name) && institutions.find(name).isPresent();
  }

  private Pages.Institution view(Institution i, List<ConnectionCheck> results) {
    List<String> flows = new ArrayList<>();
    if (i.appealsEnabled()) {
      flows.add("appeals");
    }
    if (i.explanationsEnabled()) {
      flows.add("explanations");
    }
    List<Pages.Endpoint> where = new ArrayList<>();
    endpoints.fs(i).ifPresent(u -> where.add(new Pages.Endpoint("FS", u)));
    endpoints.inspera(i).ifPresent(u -> where.add(new Pages.Endpoint("Inspera", u)));
    endpoints.wiseflow(i).ifPresent(u -> where.add(new Pages.Endpoint("WISEflow", u)));
    endpoints.archive(i).ifPresent(u -> where.add(new Pages.Endpoint("Archive", u)));
    endpoints.proview().ifPresent(u -> where.add(new Pages.Endpoint("Proview", u)));
    List<Pages.Credential> stored = WITH_CREDENTIALS.stream().map(p -> new Pages.Credential(p.id(),
        credentials.find(i.shortName(), p).filter(c -> c.secret() != null && !c.secret().isEmpty()).isPresent())).toList();
    var s = i.secrets();
    List<Pages.Credential> secrets = List.of(new Pages.Credential("Inspera webhooks", !s.inspera().isEmpty()),
        new Pages.Credential("proctoring client secret", set(s.proctoringClientSecretHash())),
        new Pages.Credential("Proview callback token", set(s.proviewTokenHash())),
        new Pages.Credential("Standard Webhooks sources", !s.standard().isEmpty()));
    return new Pages.Institution(i.shortName(), String.valueOf(i.examSystem()), i.instance(), i.fsEnvironment(), i.active(),
        flows, where, stored, secrets, results);
  }

  private static boolean set(String hash) {
    return hash != null && !hash.isEmpty();
  }
}
