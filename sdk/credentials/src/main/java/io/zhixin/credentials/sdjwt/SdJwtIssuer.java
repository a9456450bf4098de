package io.zhixin.credentials.sdjwt;

import com.nimbusds.jose.jwk.JWK;
import io.zhixin.credentials.internal.JsonText;
import io.zhixin.credentials.internal.Jws;
import io.zhixin.credentials.internal.SaltSource;
import io.zhixin.credentials.internal.SdJwtEncoder;
import io.zhixin.keys.CryptoProviders;
import io.zhixin.keys.Signer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
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
  private final Jws.Header header;
  private final SaltSource salts;

  private SdJwtIssuer(Builder b) {
    this.signer = Objects.requireNonNull(b.signer, "signer is required");
    this.header = Jws.Header.of(signer, "typ", b.type, "kid", b.keyId);
    this.salts = new SaltSource(b.random == null ? CryptoProviders.defaults().secureRandom() : b.random);
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
    return issue(Map.of(), claims, holderKey);
  }

  /** Issues {@code registered} (always visible, written first) and {@code claims}. */
  String issue(Map<String, ?> registered, SdObject claims, JWK holderKey) {
    Objects.requireNonNull(claims, "claims");
    Map<String, Object> tail = new LinkedHashMap<>(4);
    if (holderKey != null) {
      if (holderKey.isPrivate()) {
        throw new IllegalArgumentException("holder key must be a public JWK");
      }
      if (claims.has("cnf") || registered.containsKey("cnf")) {
        throw new IllegalArgumentException("claims already contain cnf");
      }
      tail.put("cnf", Map.of("jwk", holderKey.toJSONObject()));
    }
    tail.put("_sd_alg", "sha-256");
    SdJwtEncoder enc = new SdJwtEncoder(salts);
    JsonText payload = enc.payload(registered, claims, tail);
    int spare = 1;
    for (byte[] d : enc.disclosures()) {
      spare += d.length + 1;
    }
    // The compact JWS, then each disclosure followed by '~', written into one array.
    byte[] sdJwt = Jws.sign(signer, header, payload.array(), payload.length(), spare);
    int at = sdJwt.length - spare;
    sdJwt[at++] = '~';
    for (byte[] d : enc.disclosures()) {
      System.arraycopy(d, 0, sdJwt, at, d.length);
      at += d.length;
      sdJwt[at++] = '~';
    }
    return new String(sdJwt, StandardCharsets.US_ASCII);
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

    /**
     * Source of salts and decoys; by default {@link CryptoProviders#secureRandom()} of the default providers:
     * Conscrypt's where it loads, else the JDK's {@code DRBG}.
     */
    public Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    public SdJwtIssuer build() {
      return new SdJwtIssuer(this);
    }
  }
}
