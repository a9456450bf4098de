package io.zhixin.credentials;

import static io.zhixin.credentials.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.zhixin.credentials.sdjwt.SdJwtPresentation;
import io.zhixin.credentials.sdjwt.SdJwtVcIssuer;
import io.zhixin.did.Did;
import io.zhixin.did.DidResolver;
import io.zhixin.did.key.DidKey;
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
}
