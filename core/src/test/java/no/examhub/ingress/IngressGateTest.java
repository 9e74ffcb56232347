package no.examhub.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The path-to-source mapping that keeps metric labels and buckets to a fixed list. */
class IngressGateTest {
  @Test
  void webhookPathsAreCountedUnderTheirSource() {
    assertThat(IngressGate.sourceOf("/webhooks/inspera/demo")).isEqualTo("inspera");
    assertThat(IngressGate.sourceOf("/webhooks/proview/demo/secret-token")).isEqualTo("proview");
    assertThat(IngressGate.sourceOf("/webhooks/standard/demo/demo-partner")).isEqualTo("standard");
    assertThat(IngressGate.sourceOf("/metrica/v1/results/event")).isEqualTo("metrica");
  }

  @Test
  void unknownPathsShareOneBucketSoNoPathBecomesALabel() {
    assertThat(IngressGate.sourceOf("/webhooks/whatever-" + System.nanoTime() + "/x")).isEqualTo("other");
    assertThat(IngressGate.sourceOf("/webhooks/")).isEqualTo("other");
    assertThat(IngressGate.sourceOf("/webhooks/proviewx")).isEqualTo("other");
  }
}
