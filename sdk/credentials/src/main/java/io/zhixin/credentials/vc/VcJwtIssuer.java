package io.zhixin.credentials.vc;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import io.zhixin.credentials.internal.Json;
import io.zhixin.credentials.internal.Jws;
import io.zhixin.keys.Signer;
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
  private final String keyId;
  private final java.time.Clock clock;

  private VcJwtIssuer(Builder b) {
    this.clock = b.clock;
    this.signer = Objects.requireNonNull(b.signer, "signer is required");
    this.issuer = Objects.requireNonNull(b.issuer, "issuer is required");
    this.keyId = Objects.requireNonNull(b.keyId, "keyId is required");
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
    com.fasterxml.jackson.databind.node.ObjectNode json = credential.jsonCopy();
    com.fasterxml.jackson.databind.JsonNode subject = json.get("credentialSubject");
    if (subject != null && subject.isObject()) {
      com.fasterxml.jackson.databind.node.ObjectNode claims = ((com.fasterxml.jackson.databind.node.ObjectNode) subject)
          .deepCopy();
      claims.remove("id");
      io.zhixin.credentials.internal.DomainRules.requireValid(credential.types(), claims, clock.instant());
    }
    JWSHeader h = new JWSHeader.Builder(signer.keyType().jwsAlgorithm()).type(new JOSEObjectType("vc+jwt"))
        .contentType("vc").keyID(keyId).customParam("iss", issuer).build();
    return Jws.sign(signer, h, Json.writeBytes(json));
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
