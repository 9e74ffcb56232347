package no.examhub.simulator.inspera;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo institution's Inspera tests, matching the FS simulator's demo cases: test
 * {@code 35199862} is FS's {@code DEMO-INF1000-2026H} with candidates 101 (active appeal), 102
 * (withdrawn appeal) and 103 (explanation requested, and published); test {@code 35200001} is a
 * graded master thesis with three candidates and their files. Names and ids are made up.
 */
public final class InsperaDemoTests {
  public static final String EXAM_TEST = "35199862";
  public static final String THESIS_TEST = "35200001";

  private InsperaDemoTests() {}

  static void addTo(InsperaSimulator inspera) {
    inspera.putTest(test(EXAM_TEST, "DEMO-INF1000-2026H", "INF1000 Introduksjon til programmering", "EXAM",
        List.of(candidate("101", 5_001_101, "C", List.of()), candidate("102", 5_001_102, "D", List.of()),
            candidate("103", 5_001_103, "B", List.of()))));
    inspera.putPublishedExplanation(EXAM_TEST, explanation(5_001_103, "103"));
    inspera.putTest(test(THESIS_TEST, "DEMO-MASTER-2026V", "Masteroppgave i informatikk", "MASTER_THESIS",
        List.of(candidate("201", 5_002_201, "A", List.of(file("masteroppgave-201.pdf", 9_100_201, 2_481_113))),
            candidate("202", 5_002_202, "B", List.of(file("masteroppgave-202.pdf", 9_100_202, 3_102_554),
                file("vedlegg-202.zip", 9_100_203, 18_220_100))),
            candidate("203", 5_002_203, "C", List.of(file("masteroppgave-203.pdf", 9_100_204, 1_998_040))))));
  }

  /** A test as {@code GET /v1/test/{testId}} answers it (the seed's fields, trimmed to what is used). */
  public static Map<String, Object> test(String testId, String externalId, String title, String type,
      List<Map<String, Object>> candidates) {
    Map<String, Object> test = new LinkedHashMap<>();
    test.put("assessmentRunId", Long.parseLong(testId));
    test.put("generalInfo", Map.of("title", title));
    test.put("assessmentInfo", Map.of("assessmentType", type, "gradesPublishedDate", "2026-06-20T12:00:00Z"));
    test.put("externalTestInfo", Map.of("externalId", externalId));
    test.put("options", Map.of("postExplanation", false));
    test.put("candidates", candidates);
    return test;
  }

  public static Map<String, Object> candidate(String candidateId, long userId, String grade, List<Map<String, Object>> files) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("userId", userId);
    c.put("candidateId", candidateId);
    c.put("attendanceStatus", "ATTENDED");
    c.put("finalGrade", grade);
    c.put("gradedDate", "2026-06-19T15:30:00Z");
    c.put("assetsDownloadInfo", files);
    return c;
  }

  private static Map<String, Object> file(String name, long contentItemId, long size) {
    return Map.of("fileName", name, "contentItemId", contentItemId, "fileSize", size,
        "url", "https://files.inspera.example/demo/" + contentItemId + "/" + name);
  }

  public static Map<String, Object> explanation(long userId, String candidateId) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("userId", userId);
    e.put("candidateId", candidateId);
    e.put("status", "PUBLISHED");
    e.put("url", "https://files.inspera.example/demo/explanations/" + userId + ".pdf");
    e.put("documentName", "begrunnelse-" + candidateId + ".pdf");
    e.put("contentType", "application/pdf");
    e.put("publishedDate", "2026-11-25T10:00:00Z");
    return e;
  }
}
