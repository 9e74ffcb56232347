package no.examhub.ingress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which {@link SignatureVerifier} checks a source's requests, chosen by configuration: a secret
 * written {@code <scheme>:<secret>} (e.g. {@code inspera-sha1:abc}) names its scheme; any other
 * secret (Standard Webhooks' {@code whsec_...}) uses the default scheme. A new partner that signs
 * in a known way is therefore one entry in an institution's secrets, no code.
 */
public final class SignatureSchemes {
  private final SignatureVerifier defaultScheme;
  private final Map<String, SignatureVerifier> named = new LinkedHashMap<>();

  public SignatureSchemes(SignatureVerifier defaultScheme) {
    this.defaultScheme = defaultScheme;
  }

  public SignatureSchemes with(String scheme, SignatureVerifier verifier) {
    named.put(scheme, verifier);
    return this;
  }

  /** The verifier for these secrets, with the secrets stripped of their scheme prefix. */
  public Choice choose(List<String> secrets) {
    String scheme = secrets.isEmpty() ? null : schemeOf(secrets.get(0));
    if (scheme == null) {
      return new Choice(defaultScheme, secrets);
    }
    List<String> keys = new ArrayList<>(secrets.size());
    for (String secret : secrets) {
      if (scheme.equals(schemeOf(secret))) {
        keys.add(secret.substring(scheme.length() + 1));
      }
    }
    return new Choice(named.get(scheme), keys);
  }

  private String schemeOf(String secret) {
    int colon = secret == null ? -1 : secret.indexOf(':');
    return colon > 0 && named.containsKey(secret.substring(0, colon)) ? secret.substring(0, colon) : null;
  }

  /** A verifier and the secrets (keys) it is to check against. */
  public record Choice(SignatureVerifier verifier, List<String> secrets) {}
}
