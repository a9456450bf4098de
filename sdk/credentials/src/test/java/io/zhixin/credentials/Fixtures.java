package io.zhixin.credentials;

import com.nimbusds.jose.jwk.JWK;
import io.zhixin.credentials.sdjwt.SdJwtVcIssuer;
import io.zhixin.credentials.sdjwt.SdObject;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Shared keys, clock and builders for tests. */
public final class Fixtures {
  public static final String ISSUER = "did:example:gaj";
  public static final String KID = ISSUER + "#key-1";
  public static final String VCT = "https://zhixin.io/vct/identity";
  public static final String AUD = "https://bank.example";
  public static final String NONCE = "nonce-123";
  public static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  public static final KeyPair ISSUER_KEY = KeyPair.generate(KeyType.P256);
  public static final KeyPair HOLDER_KEY = KeyPair.generate(KeyType.P256);
  public static final KeyPair OTHER_KEY = KeyPair.generate(KeyType.P256);

  private Fixtures() {}

  /**
   * Signs {@code payload} under an arbitrary Nimbus header, for tests that need headers no Zhixin issuer writes
   * (and an encoder independent of the one under test).
   */
  public static String signJws(io.zhixin.keys.Signer signer, com.nimbusds.jose.JWSHeader header, byte[] payload) {
    com.nimbusds.jose.JWSObject jws = new com.nimbusds.jose.JWSObject(header, new com.nimbusds.jose.Payload(payload));
    try {
      jws.sign(io.zhixin.keys.Jws.signer(signer));
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jws.serialize();
  }

  /** Resolves ISSUER's key (and any extra keys given). */
  public static IssuerKeyResolver keys(Map<String, JWK> extra) {
    return (iss, kid) -> {
      if (ISSUER.equals(iss)) {
        return ISSUER_KEY.publicJwk();
      }
      return iss == null ? null : extra.get(iss);
    };
  }

  public static IssuerKeyResolver keys() {
    return keys(Map.of());
  }

  public static SdObject identityClaims() {
    return SdObject.builder()
        .disclosable("name", "张三")
        .disclosable("resident_id", "11010519491231002X")
        .disclosable("age_over_18", true)
        .disclosable("address", SdObject.builder().disclosable("locality", "佛山").plain("country", "CN").build())
        .decoys(2)
        .build();
  }

  public static String issueSdJwt() {
    return SdJwtVcIssuer.builder().signer(ISSUER_KEY.signer()).issuer(ISSUER).keyId(KID).clock(CLOCK).build()
        .issue(VCT, identityClaims(), HOLDER_KEY.publicJwk(), NOW.plusSeconds(86_400), List.of());
  }

  /** A strict verifier for ISSUER's identity credentials, audience AUD, nonce NONCE. */
  public static Verifier.Builder verifier() {
    return Verifier.builder().issuerKeys(keys()).trustedIssuers(ISSUER).acceptedTypes(VCT).audience(AUD)
        .nonce(NONCE).ignoreStatus().clock(CLOCK);
  }
}
