package no.examhub.ops.institutions;

import java.util.ArrayList;
import java.util.List;
import no.examhub.event.ExamSystem;
import no.examhub.institution.ConnectionCheck;
import no.examhub.institution.Institution;
import no.examhub.partner.fs.FsConnectionCheck;
import no.examhub.partner.inspera.InsperaConnectionCheck;
import no.examhub.partner.wiseflow.WiseflowConnectionCheck;

/**
 * "Check connection" for one institution: FS, and its exam system (Inspera's token exchange or a
 * cheap WISEflow call). The same checks answer the console, {@code POST
 * /api/institutions/{name}/connection-check} and {@code ./examhub doctor INSTITUTION}.
 */
public final class ConnectionChecks {
  private final FsConnectionCheck fs;
  private final InsperaConnectionCheck inspera;
  private final WiseflowConnectionCheck wiseflow;

  public ConnectionChecks(FsConnectionCheck fs, InsperaConnectionCheck inspera, WiseflowConnectionCheck wiseflow) {
    this.fs = fs;
    this.inspera = inspera;
    this.wiseflow = wiseflow;
  }

  public List<ConnectionCheck> run(Institution institution) {
    List<ConnectionCheck> results = new ArrayList<>();
    results.add(fs.check(institution));
    results.add(institution.examSystem() == ExamSystem.WISEFLOW ? wiseflow.check(institution) : inspera.check(institution));
    return results;
  }
}
