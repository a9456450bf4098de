package io.zhixin.credentials.vc;

import static io.zhixin.credentials.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.zhixin.credentials.CheckCode;
import io.zhixin.credentials.VerificationResult;
import io.zhixin.credentials.Verifier;
import io.zhixin.credentials.internal.Json;
import io.zhixin.credentials.sdjwt.SdJwtPresentation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VcJwtTest {

  static final String HOLDER = "did:example:holder";
  static final VcJwtIssuer ISSUER_JWT = VcJwtIssuer.builder().signer(ISSUER_KEY.signer()).issuer(ISSUER).keyId(KID)
      .build();

  static VerifiableCredential residence() {
    return VerifiableCredential.builder().type("ResidenceCertificate").issuer(ISSUER)
        .validFrom(NOW.minus(Duration.ofDays(1))).validUntil(NOW.plus(Duration.ofDays(365)))
        .subject(Map.of("id", HOLDER, "address", "佛山市禅城区")).build();
  }

  static Verifier.Builder vcVerifier() {
    return Verifier.builder().issuerKeys(keys(Map.of(HOLDER, HOLDER_KEY.publicJwk()))).trustedIssuers(ISSUER)
        .acceptedTypes("ResidenceCertificate", VCT).audience(AUD).nonce(NONCE).ignoreStatus().clock(CLOCK);
  }

  @Test
  void vcJwt_roundTrip_verified() {
    String jwt = ISSUER_JWT.issue(residence());
    VerificationResult r = vcVerifier().requiredClaims("address").build().verify(jwt);
    assertThat(r.problems()).isEmpty();
    assertThat(r.orElseThrow().credential().claim("credentialSubject/address")).contains("佛山市禅城区");
    String header = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
    assertThat(header).contains("\"typ\":\"vc+jwt\"").contains("\"cty\":\"vc\"").contains("\"kid\":\"" + KID);
  }

  @Test
  void vcJwt_tamperedPayload_signatureFails() {
    String[] p = ISSUER_JWT.issue(residence()).split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(p[1]), StandardCharsets.UTF_8).replace("禅城区", "南海区");
    String forged = p[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
        payload.getBytes(StandardCharsets.UTF_8)) + "." + p[2];
    assertThat(vcVerifier().build().verify(forged).problems()).extracting(c -> c.code())
        .containsExactly(CheckCode.SIGNATURE);
  }

  @Test
  void vcJwt_nonAsciiCharacterInAnyPart_rejectedAsMalformed() {
    String jwt = ISSUER_JWT.issue(residence());
    int[] at = {0, jwt.indexOf('.') + 1, jwt.lastIndexOf('.') + 1, jwt.length()};
    for (String bad : java.util.List.of("é", "中", "ÿ", "😀")) {
      for (int i : at) {
        assertThat(vcVerifier().build().verify(jwt.substring(0, i) + bad + jwt.substring(i)).problems())
            .as(bad + " at " + i).extracting(c -> c.code()).containsExactly(CheckCode.MALFORMED);
      }
    }
  }

  @Test
  void vcJwt_kidOfAnotherDid_rejected() {
    String jwt = VcJwtIssuer.builder().signer(ISSUER_KEY.signer()).issuer(ISSUER).keyId("did:example:evil#k")
        .build().issue(residence());
    assertThat(vcVerifier().build().verify(jwt).problems()).extracting(c -> c.code())
        .containsExactly(CheckCode.ISSUER_KEY);
  }

  @Test
  void vcJwt_expired_untrusted_wrongType_rejected() {
    String jwt = ISSUER_JWT.issue(residence());
    assertThat(vcVerifier().clock(java.time.Clock.fixed(NOW.plus(Duration.ofDays(400)), java.time.ZoneOffset.UTC))
        .build().verify(jwt).problems()).extracting(c -> c.code()).containsExactly(CheckCode.EXPIRED);
    assertThat(Verifier.builder().issuerKeys(keys()).trustedIssuers("did:example:other").acceptAnyType()
        .ignoreAudience().ignoreNonce().ignoreStatus().clock(CLOCK).build().verify(jwt).problems())
        .extracting(c -> c.code()).containsExactly(CheckCode.ISSUER_NOT_TRUSTED);
    assertThat(Verifier.builder().issuerKeys(keys()).acceptAnyIssuer().acceptedTypes("Other").ignoreAudience()
        .ignoreNonce().ignoreStatus().clock(CLOCK).build().verify(jwt).problems())
        .extracting(c -> c.code()).containsExactly(CheckCode.TYPE_NOT_ACCEPTED);
    assertThat(vcVerifier().requiredClaims("phone").build().verify(jwt).problems()).extracting(c -> c.code())
        .containsExactly(CheckCode.CLAIM_MISSING);
  }

  @Test
  void vcJwt_signedButInvalidDataModel_rejectedNamingRule() {
    var h = new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.ES256)
        .type(new com.nimbusds.jose.JOSEObjectType("vc+jwt")).keyID(KID).build();
    String jwt = io.zhixin.credentials.Fixtures.signJws(ISSUER_KEY.signer(), h, Json.writeBytes(
        Json.object().put("issuer", ISSUER)));
    VerificationResult r = vcVerifier().build().verify(jwt);
    assertThat(r.problems()).extracting(c -> c.code()).contains(CheckCode.DATA_MODEL);
    assertThat(r.problems()).anySatisfy(c -> assertThat(c.detail()).startsWith("@context"));
  }

  private static VpJwtPresentation.Builder vp() {
    return VpJwtPresentation.builder().holder(HOLDER).keyId(HOLDER + "#key-1").signer(HOLDER_KEY.signer())
        .audience(AUD).nonce(NONCE).clock(CLOCK);
  }

  @Test
  void vpJwt_withEnvelopedVcJwtAndSdJwt_verified() {
    String sd = SdJwtPresentation.builder(issueSdJwt()).disclose("name").build();
    String p = vp().credential(ISSUER_JWT.issue(residence())).credential(sd).build();
    VerificationResult r = vcVerifier().build().verify(p);
    assertThat(r.problems()).isEmpty();
    assertThat(r.orElseThrow().credentials()).hasSize(2);
    assertThat(r.orElseThrow().holder()).contains(HOLDER);
    assertThat(r.orElseThrow().credentials().get(1).claims()).containsEntry("name", "张三");
  }

  @Test
  void vpJwt_requiredClaims_mayComeFromDifferentCredentials() {
    String sd = SdJwtPresentation.builder(issueSdJwt()).disclose("name").build();
    String p = vp().credential(ISSUER_JWT.issue(residence())).credential(sd).build();
    assertThat(vcVerifier().requiredClaims("name", "address").build().verify(p).problems()).isEmpty();
    assertThat(vcVerifier().requiredClaims("name", "phone").build().verify(p).problems()).extracting(c -> c.code())
        .containsExactly(CheckCode.CLAIM_MISSING);
  }

  @Test
  void vpJwt_wrongAudienceOrNonce_rejected() {
    String p = vp().credential(ISSUER_JWT.issue(residence())).build();
    assertThat(vcVerifier().build().verify(p, "other").problems()).extracting(c -> c.code())
        .containsExactly(CheckCode.NONCE);
    String q = vp().audience("https://evil.example").credential(ISSUER_JWT.issue(residence())).build();
    assertThat(vcVerifier().build().verify(q).problems()).extracting(c -> c.code())
        .containsExactly(CheckCode.AUDIENCE);
  }

  @Test
  void vpJwt_signedByOtherKey_rejected() {
    String p = VpJwtPresentation.builder().holder(HOLDER).keyId(HOLDER + "#key-1").signer(OTHER_KEY.signer())
        .audience(AUD).nonce(NONCE).clock(CLOCK).credential(ISSUER_JWT.issue(residence())).build();
    assertThat(vcVerifier().build().verify(p).problems()).extracting(c -> c.code())
        .containsExactly(CheckCode.KEY_BINDING);
  }

  @Test
  void envelope_usesDataUrl() {
    assertThat(VpJwtPresentation.envelope("a.b.c")).contains("\"id\":\"data:application/vc+jwt,a.b.c\"")
        .contains("EnvelopedVerifiableCredential");
  }
}
