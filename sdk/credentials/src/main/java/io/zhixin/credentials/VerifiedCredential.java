package io.zhixin.credentials;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import io.zhixin.credentials.internal.Json;
import io.zhixin.credentials.internal.Trusted;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A credential whose signature, disclosures and policy checks have all passed. Only a verifier creates one.
 *
 * <p>{@link #claims()} holds only what was signed by the issuer and, for SD-JWT, what the holder disclosed and
 * whose digest the issuer signed: {@code _sd}, {@code _sd_alg} and undisclosed claims are absent. Immutable.
 */
public final class VerifiedCredential {

  static {
    Trusted.registerCredentialFactory(VerifiedCredential::new);
  }

  private final CredentialFormat format;
  private final String issuer;
  private final List<String> types;
  private final ObjectNode claims;
  private volatile Map<String, Object> claimMap;
  private final JWK holderKey;
  private final Instant issuedAt;
  private final Instant validFrom;
  private final Instant validUntil;

  private VerifiedCredential(Trusted.CredentialParts p) {
    this.format = Objects.requireNonNull(p.format());
    this.issuer = Objects.requireNonNull(p.issuer());
    this.types = List.copyOf(p.types());
    // The verifier hands over a node it no longer touches; the map view is built on first use.
    this.claims = p.claims();
    this.holderKey = p.holderKey();
    this.issuedAt = p.issuedAt();
    this.validFrom = p.validFrom();
    this.validUntil = p.validUntil();
  }

  public CredentialFormat format() {
    return format;
  }

  /** The issuer identifier: the {@code iss} of an SD-JWT VC or the {@code issuer} (id) of a W3C credential. */
  public String issuer() {
    return issuer;
  }

  /** The types: {@code [vct]} for SD-JWT VC, the {@code type} values for a W3C credential. */
  public List<String> types() {
    return types;
  }

  /** The verified (and, for SD-JWT, disclosed) claims as an unmodifiable JSON-like map. */
  public Map<String, Object> claims() {
    Map<String, Object> m = claimMap;
    if (m == null) {
      m = Json.toImmutableMap(claims);
      claimMap = m;
    }
    return m;
  }

  /** The verified claims as compact JSON. */
  public String claimsJson() {
    return Json.write(claims);
  }

  /**
   * Returns the claim at a slash-separated path ({@code address/locality}, {@code nationalities/0}), or empty.
   */
  public Optional<Object> claim(String path) {
    return Optional.ofNullable(Json.at(claims(), path));
  }

  /** The holder's key from {@code cnf.jwk}, when the credential is holder-bound. */
  public Optional<JWK> holderKey() {
    return Optional.ofNullable(holderKey);
  }

  public Optional<Instant> issuedAt() {
    return Optional.ofNullable(issuedAt);
  }

  public Optional<Instant> validFrom() {
    return Optional.ofNullable(validFrom);
  }

  public Optional<Instant> validUntil() {
    return Optional.ofNullable(validUntil);
  }

  @Override
  public String toString() {
    // Claims may hold personal data: never print them.
    return "VerifiedCredential{" + format + ", issuer=" + issuer + ", types=" + types + ", claims=" + claims().keySet()
        + "}";
  }
}
