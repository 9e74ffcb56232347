package no.examhub.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Who a request is counted as before authentication: the peer, unless a trusted proxy says otherwise. */
class ClientAddressTest {
  private final ClientAddress none = ClientAddress.trusting("");
  private final ClientAddress proxied = ClientAddress.trusting("10.0.0.0/8, 192.0.2.1");

  @Test
  void withoutTrustedProxiesTheForwardedHeaderIsIgnored() {
    assertThat(none.of("198.51.100.7", "203.0.113.1")).isEqualTo("198.51.100.7");
  }

  @Test
  void aPeerThatIsNoTrustedProxyCannotChooseItsBucket() {
    assertThat(proxied.of("198.51.100.7", "203.0.113.1")).isEqualTo("198.51.100.7");
  }

  @Test
  void behindTrustedProxiesTheRightmostUntrustedHopIsTheClient() {
    assertThat(proxied.of("10.1.2.3", "203.0.113.1")).isEqualTo("203.0.113.1");
    assertThat(proxied.of("10.1.2.3", "6.6.6.6, 203.0.113.1, 192.0.2.1")).isEqualTo("203.0.113.1");
  }

  @Test
  void aMalformedOrNamedHopWhereTheClientShouldBeCountsAsTheLastTrustedHop() {
    assertThat(proxied.of("10.1.2.3", "evil.example.com")).isEqualTo("10.1.2.3");
    assertThat(proxied.of("10.1.2.3", "203.0.113.1, garbage")).isEqualTo("10.1.2.3");
  }

  @Test
  void ipv6ClientsAreCountedByTheirSlash64() {
    assertThat(none.of("2001:db8:1:2:aaaa::1", null)).isEqualTo(none.of("2001:db8:1:2:bbbb::9", null))
        .endsWith("/64");
    assertThat(none.of("2001:db8:1:2::1", null)).isNotEqualTo(none.of("2001:db8:1:3::1", null));
  }

  @Test
  void aTrustedProxySettingMustBeAddressesOrRanges() {
    assertThatThrownBy(() -> ClientAddress.validate("proxy.example.com")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClientAddress.validate("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    assertThat(ClientAddress.validate("10.0.0.0/8,::1")).isEqualTo("10.0.0.0/8,::1");
  }
}
