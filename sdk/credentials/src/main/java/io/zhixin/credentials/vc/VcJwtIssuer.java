package io.zhixin.credentials.vc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhixin.credentials.domain.DomainType;
import io.zhixin.credentials.internal.DomainRules;
import io.zhixin.credentials.internal.Jws;
import io.zhixin.keys.Signer;
import java.util.List;
import java.util.Objects;

/**
 * Secures W3C credentials as VC-JOSE-COSE {@code application/vc+jwt}: the credential is the JWS payload, the
 * header carries {@code typ vc+jwt}, {@code cty vc}, the issuer's {@code kid} (a DID URL of its verification
 * method) and {@code iss}. Immutable and thread-safe.
 *
 * <pre>{@code
 * VcJwtIssuer issuer = VcJwtIssuer.builder().signer(signer).issuer(did).keyId(did + "#key-1").build();
 * String jwt = issuer.issue(credential);
 * }</pre>
 */
public final class VcJwtIssuer {

  private final Signer signer;
  private final String issuer;
  private final java.time.Clock clock;
  private final Jws.Header header;

  private VcJwtIssuer(Builder b) {
    this.clock = b.clock;
    this.signer = Objects.requireNonNull(b.signer, "signer is required");
    this.issuer = Objects.requireNonNull(b.issuer, "issuer is required");
    this.header = Jws.Header.of(signer, "typ", "vc+jwt", "cty", "vc", "kid",
        Objects.requireNonNull(b.keyId, "keyId is required"), "iss", issuer);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Signs {@code credential}.
   *
   * @throws IllegalArgumentException if the credential's issuer is not this issuer
   * @throws io.zhixin.credentials.CredentialValidationException if it is a Zhixin domain credential whose subject
   *     breaks the type's schema or rules
   * @throws io.zhixin.keys.KeyException if the signer fails
   */
  public String issue(VerifiableCredential credential) {
    if (!issuer.equals(credential.issuer())) {
      throw new IllegalArgumentException("credential issuer " + credential.issuer() + " is not this issuer "
          + issuer);
    }
    List<String> types = credential.types();
    if (types.stream().anyMatch(t -> DomainType.of(t).isPresent())) {
      ObjectNode json = credential.jsonCopy();
      if (json.get("credentialSubject") instanceof ObjectNode claims) {
        claims.remove("id");
        DomainRules.requireValid(types, claims, clock.instant());
      }
    }
    return Jws.sign(signer, header, credential.jsonBytes());
  }

  /** Builds a {@link VcJwtIssuer}. */
  public static final class Builder {
    private Signer signer;
    private String issuer;
    private String keyId;
    private java.time.Clock clock = java.time.Clock.systemUTC();

    private Builder() {}

    /** The clock for domain rules such as "establishment date not in the future". */
    public Builder clock(java.time.Clock clock) {
      this.clock = java.util.Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder signer(Signer signer) {
      this.signer = signer;
      return this;
    }

    /** The issuer id; credentials must name it as their issuer. */
    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /** The verification method, e.g. {@code did:web:gaj.chancheng.gov.cn#key-1}. Required. */
    public Builder keyId(String keyId) {
      this.keyId = keyId;
      return this;
    }

    public VcJwtIssuer build() {
      return new VcJwtIssuer(this);
    }
  }
}
