package io.zhixin.credentials.sdjwt;

import static io.zhixin.credentials.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.credentials.CheckCode;
import io.zhixin.credentials.VerificationResult;
import io.zhixin.credentials.VerifiedCredential;
import io.zhixin.credentials.Verifier;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import com.nimbusds.jose.JWSAlgorithm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SdJwtVcTest {

  private static String present(String issued, String... paths) {
    SdJwtPresentation.Builder b = SdJwtPresentation.builder(issued).clock(CLOCK)
        .keyBinding(HOLDER_KEY.signer(), AUD, NONCE);
    for (String p : paths) {
      b.disclose(p);
    }
    return b.build();
  }

  @Test
  void verify_chosenDisclosures_yieldsOnlyThoseClaims() {
    String issued = issueSdJwt();
    VerificationResult r = verifier().requiredClaims("name", "age_over_18").build()
        .verify(present(issued, "name", "age_over_18"));

    VerifiedCredential c = r.orElseThrow().credential();
    assertThat(c.claims()).containsEntry("name", "张三").containsEntry("age_over_18", true)
        .doesNotContainKeys("resident_id", "address", "_sd", "_sd_alg");
    assertThat(c.issuer()).isEqualTo(ISSUER);
    assertThat(c.types()).containsExactly(VCT);
    assertThat(c.holderKey()).contains(HOLDER_KEY.publicJwk());
    assertThat(r.checks()).extracting(ch -> ch.code()).contains(CheckCode.SIGNATURE, CheckCode.DISCLOSURES,
        CheckCode.KEY_BINDING, CheckCode.SD_HASH, CheckCode.AUDIENCE, CheckCode.NONCE, CheckCode.FRESHNESS);
  }

  @Test
  void verify_nestedPath_disclosesParentButNotSiblings() {
    String p = present(issueSdJwt(), "address/locality");
    VerifiedCredential c = verifier().build().verify(p).orElseThrow().credential();
    assertThat(c.claim("address/locality")).contains("佛山");
    assertThat(c.claim("address/country")).contains("CN");
    assertThat(c.claims()).doesNotContainKey("name");
  }

  @Test
  void disclosablePaths_listsNestedClaims() {
    assertThat(SdJwtPresentation.disclosablePaths(issueSdJwt()))
        .containsExactlyInAnyOrder("name", "resident_id", "age_over_18", "address", "address/locality");
  }

  @Test
  void present_unknownPath_throws() {
    assertThatThrownBy(() -> present(issueSdJwt(), "phone")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("phone");
  }

  @Test
  void issue_reservedClaim_throws() {
    SdJwtVcIssuer issuer = SdJwtVcIssuer.builder().signer(ISSUER_KEY.signer()).issuer(ISSUER).build();
    assertThatThrownBy(() -> issuer.issue(VCT, SdObject.builder().disclosable("iss", "x").build(), null, null,
        List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iss");
  }

  @Test
  void verify_eddsaAndEs256k_whenAccepted() {
    for (KeyType t : List.of(KeyType.ED25519, KeyType.SECP256K1)) {
      KeyPair k = KeyPair.generate(t);
      String issued = SdJwtVcIssuer.builder().signer(k.signer()).issuer("did:example:other").clock(CLOCK).build()
          .issue(VCT, identityClaims(), HOLDER_KEY.publicJwk(), null, List.of());
      Verifier.Builder vb = Verifier.builder().issuerKeys(keys(Map.of("did:example:other", k.publicJwk())))
          .acceptAnyIssuer().acceptedTypes(VCT).audience(AUD).nonce(NONCE).ignoreStatus().clock(CLOCK);
      String p = present(issued, "name");

      assertThat(vb.build().verify(p).problems()).extracting(ch -> ch.code()).containsExactly(CheckCode.ALGORITHM);
      assertThat(vb.acceptedAlgorithms(JWSAlgorithm.ES256, t.jwsAlgorithm()).build().verify(p).isVerified())
          .as(t.toString()).isTrue();
    }
  }

  @Test
  void verify_withoutKeyBinding_whenAllowed_warns() {
    String p = SdJwtPresentation.builder(issueSdJwt()).disclose("name").build();
    assertThat(verifier().build().verify(p).problems()).extracting(ch -> ch.code())
        .containsExactly(CheckCode.KEY_BINDING);
    VerificationResult r = verifier().allowMissingKeyBinding().build().verify(p);
    assertThat(r.isVerified()).isTrue();
    assertThat(r.warnings()).extracting(ch -> ch.code()).contains(CheckCode.KEY_BINDING);
  }

  @Test
  void maxCredentialAge_andClockSkew() {
    String p = present(issueSdJwt(), "name");
    java.time.Clock later = java.time.Clock.fixed(NOW.plusSeconds(7200), java.time.ZoneOffset.UTC);
    String late = SdJwtPresentation.builder(issueSdJwt()).disclose("name").clock(later)
        .keyBinding(HOLDER_KEY.signer(), AUD, NONCE).build();
    assertThat(verifier().clock(later).maxCredentialAge(java.time.Duration.ofHours(1)).build().verify(late)
        .problems()).extracting(ch -> ch.code()).containsExactly(CheckCode.MAX_AGE);
    assertThat(verifier().clock(later).maxCredentialAge(java.time.Duration.ofHours(3)).build().verify(late)
        .isVerified()).isTrue();
    // A key binding JWT 30 s in the future: refused without skew, accepted with 60 s of skew.
    java.time.Clock ahead = java.time.Clock.fixed(NOW.plusSeconds(30), java.time.ZoneOffset.UTC);
    String future = SdJwtPresentation.builder(issueSdJwt()).disclose("name").clock(ahead)
        .keyBinding(HOLDER_KEY.signer(), AUD, NONCE).build();
    assertThat(verifier().build().verify(future).problems()).extracting(ch -> ch.code())
        .containsExactly(CheckCode.FRESHNESS);
    assertThat(verifier().clockSkew(java.time.Duration.ofSeconds(60)).build().verify(future).isVerified()).isTrue();
    assertThat(verifier().build().verify(p).isVerified()).isTrue();
  }

  @Test
  void noncePerRequest_usesTheCallersNonce() {
    Verifier v = Verifier.builder().issuerKeys(keys()).trustedIssuers(ISSUER).acceptedTypes(VCT).audience(AUD)
        .noncePerRequest().ignoreStatus().clock(CLOCK).build();
    String p = present(issueSdJwt(), "name");
    assertThat(v.verify(p, NONCE).isVerified()).isTrue();
    assertThat(v.verify(p, "other").problems()).extracting(ch -> ch.code()).containsExactly(CheckCode.NONCE);
    assertThatThrownBy(() -> v.verify(p)).isInstanceOf(IllegalStateException.class);
    // A forgotten nonce argument must not switch replay protection off.
    assertThat(v.verify(p, null).problems()).extracting(ch -> ch.code()).containsExactly(CheckCode.NONCE);
    assertThat(verifier().build().verify(p, null).isVerified()).isFalse();
  }

  @Test
  void build_missingChoice_throws() {
    assertThatThrownBy(() -> Verifier.builder().issuerKeys(keys()).acceptAnyIssuer().acceptAnyType().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("audience");
  }
}
