package no.examhub.simulator.metrica;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;

/** The Metrica simulator's published tests and results: small, fixed, and enough to try every call. */
final class MetricaDemoData {
  record PublishedTest(String testId, String product, String title, LocalDate publishedOn, int items) {}

  record Result(String testInstanceId, String testId, String candidateId, String status, int rawScore,
      int maxScore, String grade) {}

  static final List<PublishedTest> TESTS = List.of(
      new PublishedTest("T-1001", "linguaskill", "Linguaskill Reading", LocalDate.parse("2024-03-01"), 30),
      new PublishedTest("T-1002", "linguaskill", "Linguaskill Listening", LocalDate.parse("2024-04-15"), 25),
      new PublishedTest("T-2001", "jetpack", "JetPack Maths Check", LocalDate.parse("2024-05-20"), 20));

  static final Map<String, Result> RESULTS = Map.of(
      "TI-5001", new Result("TI-5001", "T-1001", "C-42", "COMPLETED", 24, 30, "B2"),
      "TI-5002", new Result("TI-5002", "T-2001", "C-43", "COMPLETED", 17, 20, "A"));

  private MetricaDemoData() {}

  /** Published tests of a product (all when none) published within [from, to] (ISO dates, both optional). */
  static List<PublishedTest> publishedTests(String product, String from, String to) {
    LocalDate after = date(from, LocalDate.MIN);
    LocalDate before = date(to, LocalDate.MAX);
    return TESTS.stream()
        .filter(t -> product == null || t.product().equalsIgnoreCase(product))
        .filter(t -> !t.publishedOn().isBefore(after) && !t.publishedOn().isAfter(before))
        .toList();
  }

  private static LocalDate date(String text, LocalDate none) {
    try {
      return text == null ? none : LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "from and to must be ISO dates (2024-06-01).");
    }
  }

  static PublishedTest test(String testId) {
    return TESTS.stream().filter(t -> t.testId().equals(testId)).findFirst().orElse(null);
  }

  static Result result(String testInstanceId) {
    return RESULTS.get(testInstanceId);
  }

  /** A minimal QTI 2.1 assessment result for a known test instance. */
  static String qti(String tinId) {
    Result r = RESULTS.get(tinId);
    if (r == null) {
      return null;
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <assessmentResult xmlns="http://www.imsglobal.org/xsd/imsqti_result_v2p1">
          <context sourcedId="%s"/>
          <testResult identifier="%s" datestamp="2024-06-01T10:00:00Z">
            <outcomeVariable identifier="SCORE" cardinality="single" baseType="float">
              <value>%d</value>
            </outcomeVariable>
          </testResult>
        </assessmentResult>
        """.formatted(r.candidateId(), r.testInstanceId(), r.rawScore());
  }
}
