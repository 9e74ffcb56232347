package no.examhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import no.examhub.event.RosterEntry;
import no.examhub.partner.proctoring.AccessCodeKey;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.json.Json;
import org.junit.jupiter.api.Test;

/** The verify_respondent phase's roster and the requests wrk sends against it. */
class VerifyRosterTest {
  private final AccessCodeKey key = new AccessCodeKey("bench-key-".repeat(4));
  private final VerifyRoster roster = new VerifyRoster(1_000, key);

  @Test
  void candidatesAreSpreadOverExamsOfTwoHundred() {
    assertThat(roster.exams()).isEqualTo(5);
    assertThat(new VerifyRoster(1_001, key).exams()).isEqualTo(6);
    assertThat(roster.entry(199).examId()).isEqualTo(roster.entry(0).examId());
    assertThat(roster.entry(200).examId()).isNotEqualTo(roster.entry(199).examId());
  }

  @Test
  void mostRequestsCarryTheRightCodeSomeAWrongOneSomeAnUnknownCandidate() {
    List<String> requests = roster.requests(1_000);
    long admitted = requests.stream().filter(this::admits).count();

    assertThat(requests).hasSize(1_000).allSatisfy(line -> assertThat(line).startsWith("- {"));
    // 1 in 25 names no listed candidate, 1 in 20 a wrong code (every 100th is both kinds: counted once).
    assertThat(admitted).isEqualTo(1_000 - 40 - 50 + 10);
  }

  @Test
  void aRequestIsTheVendorsVerifyRespondentShape() {
    JsonNode body = Json.tree(roster.body(3, true).getBytes());

    assertThat(body.get("event").asText()).isEqualTo("verify_respondent");
    assertThat(body.get("exam_id").asText()).isEqualTo(VerifyRoster.examId(3));
    assertThat(body.get("fields").get(0).get("value").asText()).isEqualTo(VerifyRoster.candidateId(3));
  }

  @Test
  void theRosterHoldsOnlyTheKeyedMacOfTheAccessCode() {
    String code = Json.tree(roster.body(3, true).getBytes()).get("fields").get(1).get("value").asText();
    RosterEntry entry = roster.entry(3);

    assertThat(entry.toString()).doesNotContain(code);
    assertThat(key.matches(entry.accessCodeMac(), code)).isTrue();
    assertThat(entry.accessCodeMac()).isNotEqualTo(Hmac.sha256Hex(code));
  }

  private boolean admits(String line) {
    JsonNode body = Json.tree(line.substring(2).getBytes());
    String candidateId = body.get("fields").get(0).get("value").asText();
    String code = body.get("fields").get(1).get("value").asText();
    int c = Integer.parseInt(candidateId) - 2_000_000;
    return c >= 0 && c < 1_000 && VerifyRoster.examId(c).equals(body.get("exam_id").asText())
        && key.matches(roster.entry(c).accessCodeMac(), code);
  }
}
