package no.examhub.platform.http;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which client a request comes from, for the per-address rate limit before authentication.
 *
 * <p>The address is the TCP peer's. Only when the peer is one of the trusted proxies
 * ({@code EXAMHUB_TRUSTED_PROXIES}: addresses or CIDR ranges) is {@code X-Forwarded-For} read,
 * from the right: each proxy appends the address it received from, so the rightmost entry that
 * is not itself a trusted proxy is the client. Entries left of it were written by the client and
 * could be anything, so they are never used; a malformed entry where the client should be counts
 * as the peer. Without trusted proxies the header is ignored entirely, so nobody can choose the
 * bucket they are counted in.
 *
 * <p>An IPv6 client is keyed by its /64: one subscriber usually holds a whole /64, and keying by
 * the full address would hand an attacker 2^64 fresh buckets.
 */
public final class ClientAddress {
  public static final String FORWARDED_FOR = "X-Forwarded-For";

  private final List<Range> trusted;

  private ClientAddress(List<Range> trusted) {
    this.trusted = trusted;
  }

  /** @param trustedProxies comma-separated addresses or CIDR ranges; empty for none */
  public static ClientAddress trusting(String trustedProxies) {
    List<Range> ranges = new ArrayList<>();
    for (String part : trustedProxies.split(",")) {
      if (!part.isBlank()) {
        ranges.add(Range.parse(part.trim()));
      }
    }
    return new ClientAddress(List.copyOf(ranges));
  }

  /** Checks a setting's value; throws {@link IllegalArgumentException} naming what is wrong. */
  public static String validate(String trustedProxies) {
    trusting(trustedProxies);
    return trustedProxies;
  }

  /** The bucket key of the client behind {@code peer}, with {@code forwardedFor} the header (or null). */
  public String of(String peer, String forwardedFor) {
    InetAddress address = literal(peer);
    if (address == null) {
      return peer;
    }
    if (forwardedFor != null && isTrusted(address)) {
      String[] hops = forwardedFor.split(",");
      for (int i = hops.length - 1; i >= 0; i--) {
        InetAddress hop = literal(hops[i].trim());
        if (hop == null) {
          break;
        }
        address = hop;
        if (!isTrusted(hop)) {
          break;
        }
      }
    }
    return key(address);
  }

  private boolean isTrusted(InetAddress address) {
    for (Range range : trusted) {
      if (range.contains(address)) {
        return true;
      }
    }
    return false;
  }

  private static String key(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length == 16) {
      byte[] prefix = new byte[16];
      System.arraycopy(bytes, 0, prefix, 0, 8);
      try {
        return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
      } catch (UnknownHostException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
    return address.getHostAddress();
  }

  /** An IP literal, never a name: a lookup would let a header make Examhub query DNS. */
  static InetAddress literal(String text) {
    if (text == null || text.isEmpty() || text.length() > 45) {
      return null;
    }
    String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = s.indexOf(':') >= 0 && s.matches("[0-9a-fA-F:.]+");
    if (!v4 && !v6) {
      return null;
    }
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** An address range, {@code 10.0.0.0/8} or one address. */
  private record Range(BigInteger network, int bits, int length) {
    static Range parse(String text) {
      String[] parts = text.split("/", 2);
      InetAddress address = literal(parts[0]);
      if (address == null) {
        throw new IllegalArgumentException("not an IP address or CIDR range: " + text);
      }
      int length = address.getAddress().length * 8;
      int bits = length;
      if (parts.length == 2) {
        try {
          bits = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
          bits = -1;
        }
        if (bits < 0 || bits > length) {
          throw new IllegalArgumentException("bad prefix length in " + text);
        }
      }
      return new Range(masked(address.getAddress(), bits), bits, length);
    }

    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      return bytes.length * 8 == length && masked(bytes, bits).equals(network);
    }

    private static BigInteger masked(byte[] bytes, int bits) {
      BigInteger value = new BigInteger(1, bytes);
      int length = bytes.length * 8;
      return value.shiftRight(length - bits);
    }
  }
}
