package io.zhixin.credentials.sdjwt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import io.zhixin.credentials.internal.Json;
import io.zhixin.credentials.internal.Jws;
import io.zhixin.credentials.internal.SdJwtEncoder;
import io.zhixin.keys.Signer;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Issues plain RFC 9901 SD-JWTs: the caller supplies every claim. For credentials use {@link SdJwtVcIssuer}, which
 * adds {@code iss}, {@code vct}, validity and status. Immutable and thread-safe; create one per key and share it.
 *
 * <pre>{@code
 * SdJwtIssuer issuer = SdJwtIssuer.builder().signer(signer).keyId("did:key:z…#z…").build();
 * String sdJwt = issuer.issue(claims, holderPublicJwk);   // <jwt>~<disclosure>~…~
 * }</pre>
 */
public final class SdJwtIssuer {

  private final Signer signer;
  private final String keyId;
  private final String type;
  private final SecureRandom random;

  private SdJwtIssuer(Builder b) {
    this.signer = Objects.requireNonNull(b.signer, "signer is required");
    this.keyId = b.keyId;
    this.type = b.type;
    this.random = b.random == null ? new SecureRandom() : b.random;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Issues {@code claims} without holder binding. */
  public String issue(SdObject claims) {
    return issue(claims, null);
  }

  /**
   * Issues {@code claims}, bound to {@code holderKey} through {@code cnf.jwk} when it is not null.
   *
   * @throws IllegalArgumentException if {@code claims} already has {@code cnf} while a holder key is given, or
   *     the holder key is private
   * @throws io.zhixin.keys.KeyException if the signer fails
   */
  public String issue(SdObject claims, JWK holderKey) {
    Objects.requireNonNull(claims, "claims");
    SdJwtEncoder enc;
    ObjectNode payload;
    synchronized (random) {
      enc = new SdJwtEncoder(random);
      payload = enc.encode(claims);
    }
    if (holderKey != null) {
      if (holderKey.isPrivate()) {
        throw new IllegalArgumentException("holder key must be a public JWK");
      }
      if (payload.has("cnf")) {
        throw new IllegalArgumentException("claims already contain cnf");
      }
      payload.putObject("cnf").set("jwk", Json.toNode(holderKey.toJSONObject()));
    }
    payload.put("_sd_alg", "sha-256");
    JWSHeader.Builder h = new JWSHeader.Builder(signer.keyType().jwsAlgorithm()).type(new JOSEObjectType(type));
    if (keyId != null) {
      h.keyID(keyId);
    }
    StringBuilder sb = new StringBuilder(Jws.sign(signer, h.build(), Json.writeBytes(payload))).append('~');
    for (String d : enc.disclosures()) {
      sb.append(d).append('~');
    }
    return sb.toString();
  }

  /** Builds an {@link SdJwtIssuer}. */
  public static final class Builder {
    private Signer signer;
    private String keyId;
    private String type = "dc+sd-jwt";
    private SecureRandom random;

    private Builder() {}

    /** The issuer's signer (ES256 by default; EdDSA and ES256K also work). Required. */
    public Builder signer(Signer signer) {
      this.signer = signer;
      return this;
    }

    /** The {@code kid} header, e.g. a DID URL of the issuer's verification method. */
    public Builder keyId(String keyId) {
      this.keyId = keyId;
      return this;
    }

    /** The {@code typ} header; {@code dc+sd-jwt} by default. */
    public Builder type(String type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /** Source of salts and decoys; a new {@link SecureRandom} by default. */
    public Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    public SdJwtIssuer build() {
      return new SdJwtIssuer(this);
    }
  }
}
