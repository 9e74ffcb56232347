package no.examhub.faults.load;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import no.examhub.event.CaseKeys;
import no.examhub.simulator.DemoData;
import no.examhub.simulator.inspera.InsperaDemoTests;
import no.examhub.simulator.inspera.InsperaSimulator;

/**
 * The crash test's webhooks, a mix in which a known subset makes commands, so the commands that
 * must exist are known in advance. By position {@code i} in the load (of 100,000: 500 tests, 125 of
 * them theses, 250 sessions, 100 re-sent webhooks; 1,000 commands):
 *
 * <ul>
 *   <li>{@code i % 200 == 7}: Inspera {@code confirm_final_grades} for a test of its own, which the
 *       Inspera simulator knows: one {@code fetch-test-metadata} command. Every fourth such test is
 *       a master thesis with two candidates whose deadlines have passed: one {@code archive-thesis}
 *       command per candidate, once the metadata's outcome is back in the topology.
 *   <li>{@code i % 400 == 133}: a Proview termination callback for a session of its own: one
 *       {@code fetch-session} command.
 *   <li>{@code i % 1000 == 507}: the {@code confirm_final_grades} webhook of {@code i - 500} sent
 *       again byte for byte, as Inspera does when it missed our answer: no new command.
 *   <li>every other position: Inspera {@code resource_created} for an object of its own, which
 *       becomes an exam event and no command.
 * </ul>
 */
final class CrashLoad {
  private static final long TEST_IDS = 80_000_000L;
  private static final long OBJECT_IDS = 90_000_000L;
  private static final Instant OCCURRED = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

  private final List<Webhook> webhooks = new ArrayList<>();
  private final Map<String, Boolean> tests = new LinkedHashMap<>();
  private final Set<String> sessions = new LinkedHashSet<>();
  private final Set<String> insperaObjects = new LinkedHashSet<>();
  private final Map<Integer, String> directCommandKeys = new LinkedHashMap<>();

  private CrashLoad() {}

  static CrashLoad of(int size, DemoData.Credentials demo) {
    CrashLoad load = new CrashLoad();
    for (int i = 0; i < size; i++) {
      load.webhooks.add(load.webhook(i, demo));
    }
    return load;
  }

  private Webhook webhook(int i, DemoData.Credentials demo) {
    if (i % 200 == 7) {
      String testId = Long.toString(TEST_IDS + i);
      tests.put(testId, (i / 200) % 4 == 0);
      insperaObjects.add(testId);
      directCommandKeys.put(i, testId);
      return Webhook.inspera(i, demo.insperaSecret(), insperaBody(testId, "confirm_final_grades", i));
    }
    if (i % 400 == 133) {
      String session = UUID.nameUUIDFromBytes(("crash-session-" + i).getBytes(StandardCharsets.UTF_8)).toString();
      sessions.add(session);
      directCommandKeys.put(i, session);
      return Webhook.proview(i, demo.proviewToken(), "{\"message\": \"Session Has Been Terminated\", "
          + "\"external_id\": \"" + i + "\", \"session_uuid\": \"" + session + "\"}");
    }
    if (i % 1000 == 507) {
      return webhooks.get(i - 500).resentAs(i);
    }
    String objectId = Long.toString(OBJECT_IDS + i);
    insperaObjects.add(objectId);
    return Webhook.inspera(i, demo.insperaSecret(), insperaBody(objectId, "resource_created", i));
  }

  /**
   * The webhooks that cause a command of their own, by position, with that command's business key
   * (the test id of {@code fetch-test-metadata}, the session of {@code fetch-session}); re-sent
   * webhooks are left out, they cause nothing new.
   */
  Map<Integer, String> directCommandKeys() {
    return directCommandKeys;
  }

  private static String insperaBody(String objectId, String event, int i) {
    return "{\"contextObjectId\": " + objectId + ", \"event\": \"" + event + "\", \"timestamp\": \""
        + OCCURRED.plusMillis(i) + "\"}";
  }

  /** The tests the webhooks confirm grades for, as Inspera's API answers them; theses graded 60 days ago. */
  void registerTests(InsperaSimulator inspera, Instant gradesPublished) {
    tests.forEach((testId, thesis) -> {
      Map<String, Object> test = InsperaDemoTests.test(testId, vurdId(testId), "Load test " + testId,
          thesis ? "MASTER_THESIS" : "EXAM", thesis
              ? List.of(InsperaDemoTests.candidate("101", 1, "A", List.of()),
                  InsperaDemoTests.candidate("102", 2, "B", List.of()))
              : List.of(InsperaDemoTests.candidate("101", 1, "C", List.of())));
      test.put("assessmentInfo", Map.of("assessmentType", thesis ? "MASTER_THESIS" : "EXAM",
          "gradesPublishedDate", gradesPublished.toString()));
      inspera.putTest(test);
    });
  }

  private static String vurdId(String testId) {
    return "LOAD-" + testId;
  }

  List<Webhook> webhooks() {
    return webhooks;
  }

  /** One {@code fetch-test-metadata} command each. */
  Set<String> testIds() {
    return tests.keySet();
  }

  /** One {@code archive-thesis} command each: the thesis candidates' case keys. */
  Set<String> thesisCases() {
    Set<String> cases = new LinkedHashSet<>();
    tests.forEach((testId, thesis) -> {
      if (thesis) {
        cases.add(CaseKeys.of(DemoData.INSTITUTION, vurdId(testId), "101"));
        cases.add(CaseKeys.of(DemoData.INSTITUTION, vurdId(testId), "102"));
      }
    });
    return cases;
  }

  /** One {@code fetch-session} command each. */
  Set<String> sessions() {
    return sessions;
  }

  /** One exam event each (a re-sent webhook is the same event). */
  Set<String> insperaObjects() {
    return insperaObjects;
  }

  /** Distinct deliveries: the re-sent ones are the same delivery again. */
  long distinctBodies() {
    return webhooks.stream().map(Webhook::body).distinct().count();
  }
}
