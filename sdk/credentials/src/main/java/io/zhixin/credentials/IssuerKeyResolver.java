package io.zhixin.credentials;

import com.nimbusds.jose.jwk.JWK;

/**
 * Finds the public key that an issuer (or holder, for {@code vp+jwt}) signed with. One method, so a DID resolver,
 * a trust registry or a fixed map can each implement it.
 *
 * <p>Implementations must be thread-safe, must return public keys only, and must return {@code null} (not throw)
 * when no key is known; verifiers report that as the {@code issuer_key} check.
 */
@FunctionalInterface
public interface IssuerKeyResolver {

  /**
   * Returns the public key for {@code kid} (a DID URL such as {@code did:key:z…#z…}, or null when the header has
   * no {@code kid}) used by {@code issuer} (the {@code iss} claim or credential issuer, possibly null), or null.
   */
  JWK resolve(String issuer, String kid);
}
