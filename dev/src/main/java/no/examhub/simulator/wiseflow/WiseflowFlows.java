package no.examhub.simulator.wiseflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The simulated licence's flows and participants, in OpenAPI 1.34.0's shapes. The demo's SIS code
 * (its source code) is FS's vurdId of the FS simulator's WISEflow demo cases, and its participants
 * carry their kandidatnr as the {@code candidateNumber} externalId, so the embedded default's
 * WISEflow appeal and explanation find their flow and participant. Beside the ordinary main flow the
 * same code also names a combined sub-flow, a re-examination and a remarking flow, as on a real
 * licence: a client that takes the first flow takes the wrong one.
 */
public final class WiseflowFlows {
  /** FS's vurdId of the WISEflow demo exam (see the FS simulator's demo cases). */
  public static final String DEMO_SIS_CODE = "DEMO-EXPHIL-2026H";
  public static final long DEMO_FLOW_ID = 9001;
  /** The {@code externalIds} name the demo licence keeps FS's candidate number under. */
  public static final String CANDIDATE_ID_NAME = "candidateNumber";
  public static final int ORDINARY = 0;
  public static final int REEXAMINATION = 1;
  public static final int REMARKING = 2;

  /** A participant as {@code GET /flows/{flowId}/participants} lists it; FS's kandidatnr is an externalId. */
  public record Participant(long participantId, String idName, String kandidatnr) {
    public Participant(long participantId, String kandidatnr) {
      this(participantId, CANDIDATE_ID_NAME, kandidatnr);
    }

    long userId() {
      return participantId + 900_000;
    }

    Map<String, Object> user() {
      Map<String, Object> u = new LinkedHashMap<>();
      u.put("id", userId());
      u.put("firstName", "Demo");
      u.put("lastName", "Candidate " + kandidatnr);
      u.put("phone", "");
      u.put("externalIds", List.of(Map.of("name", idName, "value", kandidatnr),
          Map.of("name", "studentNumber", "value", "s" + userId())));
      return u;
    }

    Map<String, Object> asListed(int number) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("participantId", participantId);
      p.put("userId", userId());
      p.put("uniqueExamId", "exam-" + participantId);
      p.put("number", number);
      p.put("activated", true);
      p.put("submissionId", participantId + 500_000);
      p.put("groupId", null);
      p.put("assessorIds", List.of(31, 32));
      p.put("assessorGroupIds", List.of());
      p.put("user", user());
      return p;
    }
  }

  /**
   * A flow. {@code combinedMainFlowId} is null unless this is a combined sub-flow.
   *
   * @param variant ORDINARY, REEXAMINATION or REMARKING, an integer as WISEflow sends it
   */
  public record Flow(long flowId, String sisCode, String title, Instant start, int variant, Long combinedMainFlowId,
      List<Participant> participants) {
    public Flow(long flowId, String sisCode, String title, Instant start, List<Participant> participants) {
      this(flowId, sisCode, title, start, ORDINARY, null, participants);
    }

    /** search-flow, as the deprecated {@code /license/sis/flows/{sisCode}} lists it. */
    Map<String, Object> asSearchFlow() {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("flowId", flowId);
      f.put("sisCode", sisCode);
      f.put("creationDate", start.minusSeconds(30 * 86400).getEpochSecond());
      f.put("state", 3);
      f.put("type", 0);
      f.put("variant", variant);
      f.put("purpose", 0);
      if (combinedMainFlowId != null) {
        f.put("combinedMainFlowId", combinedMainFlowId);
      }
      f.put("combinedSubFlowIds", List.of());
      return f;
    }

    /** basic-flow, as {@code GET /flow/{flowId}} answers it. */
    Map<String, Object> asBasicFlow() {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("id", flowId);
      f.put("name", title);
      f.put("subName", variantName());
      f.put("creationDate", start.minusSeconds(30 * 86400).getEpochSecond());
      f.put("type", 0);
      f.put("state", 3);
      f.put("variant", variant);
      f.put("purpose", 0);
      f.put("participantStartDate", start.getEpochSecond());
      f.put("participantEndDate", start.plusSeconds(6 * 3600).getEpochSecond());
      f.put("assessorStartDate", start.plusSeconds(6 * 3600).getEpochSecond());
      f.put("assessorEndDate", start.plusSeconds(21 * 86400).getEpochSecond());
      f.put("sisInformation", List.of(Map.of("code", sisCode)));
      if (combinedMainFlowId != null) {
        f.put("combinedMainFlowId", combinedMainFlowId);
      }
      f.put("combinedSubFlowIds", List.of());
      return f;
    }

    /** One {@code /sources/search} hit: the flow's source, with the flow's summary. */
    Map<String, Object> asSource() {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("sourceId", flowId + 40_000);
      s.put("code", sisCode);
      s.put("integrationId", 12);
      s.put("integrationName", "FS");
      s.put("flow", Map.of("flowid", flowId, "title", title, "state", "PARTICIPATION_ENDED"));
      return s;
    }

    private String variantName() {
      return switch (variant) {
        case REEXAMINATION -> "re-examination";
        case REMARKING -> "remarking";
        default -> combinedMainFlowId == null ? "ordinary" : "sub-flow";
      };
    }

    Optional<Participant> participant(long id) {
      return participants.stream().filter(p -> p.participantId() == id).findFirst();
    }
  }

  private final List<Flow> flows = new CopyOnWriteArrayList<>();

  static WiseflowFlows demo() {
    WiseflowFlows f = new WiseflowFlows();
    Instant start = Instant.parse("2026-11-02T08:00:00Z");
    String title = "Examen philosophicum, autumn 2026";
    f.add(new Flow(DEMO_FLOW_ID, DEMO_SIS_CODE, title, start, ORDINARY, null, candidates(70200)));
    // The same SIS code on flows that are not the ordinary main flow: each has the same candidates.
    f.add(new Flow(9002, DEMO_SIS_CODE, title, start.plusSeconds(60 * 86400), REMARKING, null, candidates(70300)));
    f.add(new Flow(9003, DEMO_SIS_CODE, title, start, ORDINARY, DEMO_FLOW_ID, candidates(70400)));
    f.add(new Flow(9004, DEMO_SIS_CODE, title, start.plusSeconds(90 * 86400), REEXAMINATION, null, candidates(70500)));
    return f;
  }

  private static List<Participant> candidates(long firstId) {
    List<Participant> list = new ArrayList<>();
    for (int k = 201; k <= 203; k++) {
      list.add(new Participant(firstId + k - 200, Integer.toString(k)));
    }
    return list;
  }

  public void add(Flow flow) {
    flows.add(flow);
  }

  List<Flow> bySisCode(String sisCode) {
    return flows.stream().filter(f -> f.sisCode().equals(sisCode)).toList();
  }

  /**
   * The flows whose source code matches: codes are {@code ||}-separated parameters and {@code *}
   * matches any one parameter.
   */
  List<Flow> bySourceCode(String query) {
    return flows.stream().filter(f -> matches(query, f.sisCode())).toList();
  }

  static boolean matches(String query, String code) {
    String[] q = query.split("\\|\\|", -1);
    String[] c = code.split("\\|\\|", -1);
    if (q.length != c.length) {
      return false;
    }
    for (int i = 0; i < q.length; i++) {
      if (!q[i].equals("*") && !q[i].equals(c[i])) {
        return false;
      }
    }
    return true;
  }

  Flow flow(long flowId) {
    return flows.stream().filter(f -> f.flowId() == flowId).findFirst()
        .orElseThrow(() -> WiseflowError.notFound("Flow not found"));
  }
}
