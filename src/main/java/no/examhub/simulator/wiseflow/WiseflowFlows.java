package no.examhub.simulator.wiseflow;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;

/**
 * The simulated licence's flows and participants. The demo flow carries the SIS code (FS's
 * vurdId) and candidate numbers of the FS simulator's WISEflow demo cases, so the embedded
 * default's WISEflow appeal and explanation find their flow and participant.
 */
public final class WiseflowFlows {
  /** FS's vurdId of the WISEflow demo exam (see the FS simulator's demo cases). */
  public static final String DEMO_SIS_CODE = "DEMO-EXPHIL-2026H";
  public static final long DEMO_FLOW_ID = 9001;

  /**
   * A participant as {@code GET /flow/{flowId}/participants} lists it. The seed names
   * {@code user} without its fields; the simulator puts FS's kandidatnr in
   * {@code user.candidateNumber}, the field the handler matches on.
   */
  public record Participant(long id, String kandidatnr) {
    Map<String, Object> asListed() {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("id", id);
      p.put("submissionId", id + 500_000);
      p.put("assessorIds", List.of(31, 32));
      p.put("groupId", null);
      p.put("assessorGroupIds", List.of());
      p.put("user", Map.of("id", id + 900_000, "candidateNumber", kandidatnr));
      return p;
    }
  }

  public record Flow(long flowId, String sisCode, String title, Instant start, List<Participant> participants) {
    Map<String, Object> asListed() {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("flowId", flowId);
      f.put("combinedMainFlowId", null);
      f.put("purpose", "assessment");
      f.put("combinedSubFlowIds", List.of());
      f.put("variant", "standard");
      f.put("state", "active");
      f.put("creationDate", start.getEpochSecond());
      f.put("type", "flow");
      return f;
    }

    Map<String, Object> asDetails() {
      Map<String, Object> f = new LinkedHashMap<>(asListed());
      f.put("title", title);
      f.put("startDate", start.getEpochSecond());
      f.put("endDate", start.plusSeconds(6 * 3600).getEpochSecond());
      return f;
    }

    Optional<Participant> participant(long id) {
      return participants.stream().filter(p -> p.id() == id).findFirst();
    }
  }

  private final List<Flow> flows = new CopyOnWriteArrayList<>();

  static WiseflowFlows demo() {
    WiseflowFlows f = new WiseflowFlows();
    f.add(new Flow(DEMO_FLOW_ID, DEMO_SIS_CODE, "Examen philosophicum, autumn 2026",
        Instant.parse("2026-11-02T08:00:00Z"),
        List.of(new Participant(70201, "201"), new Participant(70202, "202"), new Participant(70203, "203"))));
    return f;
  }

  public void add(Flow flow) {
    flows.add(flow);
  }

  List<Flow> bySisCode(String sisCode) {
    return flows.stream().filter(f -> f.sisCode().equals(sisCode)).toList();
  }

  Flow flow(long flowId) {
    return flows.stream().filter(f -> f.flowId() == flowId).findFirst()
        .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No such flow."));
  }
}
