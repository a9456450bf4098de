package io.zhixin.credentials;

import static io.zhixin.credentials.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.zhixin.credentials.sdjwt.SdJwtPresentation;
import io.zhixin.credentials.sdjwt.SdJwtVcIssuer;
import io.zhixin.did.Did;
import io.zhixin.did.DidResolver;
import io.zhixin.did.jwk.DidJwk;
import io.zhixin.did.key.DidKey;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import java.util.List;
import org.junit.jupiter.api.Test;

class DidIssuerKeysTest {

  private static final DidResolver DIDS = DidResolver.builder().method(DidKey.method()).build();

  @Test
  void resolve_didKeyIssuer_returnsItsKey_andOnlyForItsOwnDid() {
    Did did = DidKey.create(ISSUER_KEY.publicJwk());
    String vm = DidKey.verificationMethodId(did);
    DidIssuerKeys keys = DidIssuerKeys.of(DIDS);
    assertThat(keys.resolve(did.toString(), vm)).isEqualTo(ISSUER_KEY.publicJwk());
    assertThat(keys.resolve(did.toString(), null)).isEqualTo(ISSUER_KEY.publicJwk());
    Did other = DidKey.create(OTHER_KEY.publicJwk());
    assertThat(keys.resolve(did.toString(), DidKey.verificationMethodId(other))).isNull();
    assertThat(keys.resolve("https://x.example", "#k")).isNull();
  }

  @Test
  void verifier_withDidKeyIssuer_verifies() {
    Did did = DidKey.create(ISSUER_KEY.publicJwk());
    String issued = SdJwtVcIssuer.builder().signer(ISSUER_KEY.signer()).issuer(did.toString())
        .keyId(DidKey.verificationMethodId(did)).clock(CLOCK).build()
        .issue(VCT, identityClaims(), HOLDER_KEY.publicJwk(), null, List.of());
    String p = SdJwtPresentation.builder(issued).disclose("name").clock(CLOCK)
        .keyBinding(HOLDER_KEY.signer(), AUD, NONCE).build();
    VerificationResult r = Verifier.builder().issuerKeys(DidIssuerKeys.of(DIDS)).trustedIssuers(did.toString())
        .acceptedTypes(VCT).audience(AUD).nonce(NONCE).ignoreStatus().clock(CLOCK).build().verify(p);
    assertThat(r.problems()).isEmpty();
  }

  final DidIssuerKeys didKeys = DidIssuerKeys.of(DidResolver.builder().method(DidKey.method())
      .method(DidJwk.method()).build());
  final KeyPair key = KeyPair.generate(KeyType.P256);
  final KeyPair other = KeyPair.generate(KeyType.ED25519);

  @Test
  void resolve_absoluteOrRelativeKidOfTheIssuersDid_givesItsKey() {
    Did did = DidKey.create(key.publicJwk());
    assertThat(didKeys.resolve(did.toString(), DidKey.verificationMethodId(did))).isEqualTo(key.publicJwk());
    String fragment = DidKey.verificationMethodId(did).substring(did.toString().length());
    assertThat(didKeys.resolve(did.toString(), fragment)).isEqualTo(key.publicJwk());
    Did jwk = DidJwk.create(key.publicJwk());
    assertThat(didKeys.resolve(jwk.toString(), null)).isEqualTo(key.publicJwk());
  }

  @Test
  void resolve_kidOfAnotherDidOrGarbage_givesNullNotAnException() {
    Did did = DidKey.create(key.publicJwk());
    Did impostor = DidKey.create(other.publicJwk());
    assertThat(didKeys.resolve(did.toString(), DidKey.verificationMethodId(impostor))).isNull();
    assertThat(didKeys.resolve(did.toString(), did + "#nope")).isNull();
    assertThat(didKeys.resolve(did.toString(), "https://example.com/key")).isNull();
    assertThat(didKeys.resolve("did:key:zGarbage", "did:key:zGarbage#zGarbage")).isNull();
    assertThat(didKeys.resolve("did:web:unsupported.example", "did:web:unsupported.example#key-1")).isNull();
    assertThat(didKeys.resolve(null, null)).isNull();
  }
}
