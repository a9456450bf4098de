package io.zhixin.credentials.sdjwt;

import com.nimbusds.jose.jwk.JWK;
import io.zhixin.credentials.domain.DomainType;
import io.zhixin.credentials.internal.DomainRules;
import io.zhixin.credentials.internal.SdJwtEncoder;
import io.zhixin.credentials.internal.StatusEntries;
import io.zhixin.credentials.status.StatusEntry;
import io.zhixin.keys.Signer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Issues SD-JWT VCs (draft-ietf-oauth-sd-jwt-vc, {@code typ} {@code dc+sd-jwt}): adds {@code iss}, {@code vct},
 * {@code iat}, optional {@code nbf}/{@code exp}, the holder's {@code cnf} key and W3C status entries (under
 * {@code status.bitstring_status_list}) to the caller's claims. Immutable and thread-safe.
 *
 * <pre>{@code
 * SdJwtVcIssuer issuer = SdJwtVcIssuer.builder().signer(signer)
 *     .issuer("did:web:gaj.chancheng.gov.cn").keyId("did:web:gaj.chancheng.gov.cn#key-1").build();
 * String sdJwt = issuer.issue("https://zhixin.io/vct/identity", claims, holderJwk, validUntil, List.of());
 * }</pre>
 */
public final class SdJwtVcIssuer {

  /** Claims the SD-JWT VC draft forbids making selectively disclosable, and which this issuer sets itself. */
  private static final Set<String> RESERVED = Set.of("iss", "nbf", "exp", "cnf", "vct", "status", "iat",
      "vct#integrity");

  private final String issuer;
  private final SdJwtIssuer delegate;
  private final Clock clock;

  private SdJwtVcIssuer(Builder b) {
    this.issuer = Objects.requireNonNull(b.issuer, "issuer is required");
    this.clock = b.clock;
    SdJwtIssuer.Builder d = SdJwtIssuer.builder().signer(Objects.requireNonNull(b.signer, "signer is required"))
        .type("dc+sd-jwt").random(b.random);
    if (b.keyId != null) {
      d.keyId(b.keyId);
    }
    this.delegate = d.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The issuer identifier written to {@code iss}. */
  public String issuer() {
    return issuer;
  }

  /**
   * Issues a credential of type {@code vct} with {@code claims}, bound to {@code holderKey}.
   *
   * @param validUntil written as {@code exp}; null for no expiry
   * @param status status list entries; may be empty
   * @throws io.zhixin.credentials.CredentialValidationException if {@code vct} is a Zhixin domain type and the
   *     claims break its schema or rules (naming the field)
   * @throws IllegalArgumentException if {@code claims} sets a reserved claim ({@code iss}, {@code vct},
   *     {@code cnf}, {@code status}, {@code iat}, {@code nbf}, {@code exp}) or the holder key is private
   */
  public String issue(String vct, SdObject claims, JWK holderKey, Instant validUntil, List<StatusEntry> status) {
    Objects.requireNonNull(vct, "vct");
    Objects.requireNonNull(claims, "claims");
    for (SdObject.Entry e : claims.entries()) {
      if (RESERVED.contains(e.name())) {
        throw new IllegalArgumentException("claim " + e.name() + " is set by the issuer and cannot be supplied");
      }
    }
    Instant now = Instant.ofEpochMilli(clock.millis()); // the system clock's instant() costs a native call
    // A Zhixin domain type (identity, legal entity, …) must satisfy its bundled schema and rules.
    if (DomainType.of(vct).isPresent()) {
      DomainRules.requireValid(List.of(vct), SdJwtEncoder.plain(claims), now);
    }
    if (validUntil != null && !validUntil.isAfter(now)) {
      throw new IllegalArgumentException("validUntil " + validUntil + " is not after the issuance time " + now);
    }
    Map<String, Object> registered = new LinkedHashMap<>(8);
    registered.put("iss", issuer);
    registered.put("vct", vct);
    registered.put("iat", now.getEpochSecond());
    if (validUntil != null) {
      registered.put("exp", validUntil.getEpochSecond());
    }
    if (!status.isEmpty()) {
      registered.put("status", Map.of(StatusEntries.SD_JWT_MEMBER, StatusEntries.toJson(status)));
    }
    return delegate.issue(registered, claims, holderKey);
  }

  /** Builds an {@link SdJwtVcIssuer}. */
  public static final class Builder {
    private Signer signer;
    private String issuer;
    private String keyId;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random;

    private Builder() {}

    public Builder signer(Signer signer) {
      this.signer = signer;
      return this;
    }

    /** The issuer identifier (a DID or HTTPS URL). Required. */
    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /** The {@code kid} header: a DID URL of one of the issuer's verification methods. */
    public Builder keyId(String keyId) {
      this.keyId = keyId;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    public SdJwtVcIssuer build() {
      return new SdJwtVcIssuer(this);
    }
  }
}
