package io.zhixin.conformance.sdjwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import io.zhixin.credentials.CheckCode;
import io.zhixin.credentials.VerificationResult;
import io.zhixin.credentials.Verifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The published key_binding presentation, tampered with: each change must be rejected with the right code. */
class SdJwtVectorRejectionTest {

  private String presentation;
  private JWK issuerKey;
  private Instant kbIat;
  private String nonce;

  @BeforeEach
  void load() {
    Path dir = SdJwtVectors.testcases().resolve("key_binding");
    presentation = SdJwtVectors.read(dir.resolve("sd_jwt_presentation.txt"));
    issuerKey = SdJwtVectors.jwk(SdJwtVectors.keySettings(dir).get("issuer_keys").get(0)).toPublicJWK();
    kbIat = Instant.ofEpochSecond(SdJwtVectors.json(SdJwtVectors.read(dir.resolve("kb_jwt_payload.json")))
        .get("iat").asLong());
    JsonNode settings = SdJwtVectors.yaml(dir.getParent().resolve("settings.yml"));
    nonce = settings.get("key_binding_nonce").asText();
  }

  private Verifier.Builder verifier(Instant at) {
    return Verifier.builder().issuerKeys((iss, kid) -> issuerKey).acceptAnyIssuer().acceptAnyType()
        .sdJwtMediaTypes("example+sd-jwt").ignoreStatus().audience("https://example.com/verifier").nonce(nonce)
        .clock(Clock.fixed(at, ZoneOffset.UTC));
  }

  private CheckCode rejection(Verifier v, String input) {
    VerificationResult r = v.verify(input);
    assertThat(r.isVerified()).isFalse();
    return r.problems().get(0).code();
  }

  @Test
  void untampered_verifies() {
    assertThat(verifier(kbIat).build().verify(presentation).problems()).isEmpty();
  }

  @Test
  void wrongNonceOrAudience_rejected() {
    assertThat(rejection(verifier(kbIat).nonce("other").build(), presentation)).isEqualTo(CheckCode.NONCE);
    assertThat(rejection(Verifier.builder().issuerKeys((iss, kid) -> issuerKey).acceptAnyIssuer().acceptAnyType()
        .sdJwtMediaTypes("example+sd-jwt").ignoreStatus().audience("https://bank.example").nonce(nonce)
        .clock(Clock.fixed(kbIat, ZoneOffset.UTC)).build(), presentation)).isEqualTo(CheckCode.AUDIENCE);
  }

  @Test
  void staleKeyBinding_rejected() {
    assertThat(rejection(verifier(kbIat.plus(Duration.ofHours(1))).build(), presentation))
        .isEqualTo(CheckCode.FRESHNESS);
  }

  @Test
  void droppedOrDuplicatedDisclosure_rejected() {
    String[] parts = presentation.split("~");
    StringBuilder dropped = new StringBuilder(parts[0]).append('~');
    for (int i = 2; i < parts.length; i++) {
      dropped.append(parts[i]).append(i < parts.length - 1 ? "~" : "");
    }
    assertThat(rejection(verifier(kbIat).build(), dropped.toString())).isEqualTo(CheckCode.SD_HASH);
    String duplicated = parts[0] + "~" + parts[1] + "~" + presentation.substring(parts[0].length() + 1);
    assertThat(rejection(verifier(kbIat).build(), duplicated)).isEqualTo(CheckCode.DISCLOSURES);
  }

  @Test
  void forgedDisclosure_rejected() {
    String[] parts = presentation.split("~");
    String original = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
        original.replace("Doe", "Roe").getBytes(StandardCharsets.UTF_8));
    String tampered = presentation.replace(parts[1], forged);
    assertThat(rejection(verifier(kbIat).build(), tampered)).isIn(CheckCode.DISCLOSURES, CheckCode.SD_HASH);
    // Without key binding the sd_hash cannot catch it: the digest check must.
    String noKb = presentation.substring(0, presentation.lastIndexOf('~') + 1).replace(parts[1], forged);
    assertThat(rejection(verifier(kbIat).allowMissingKeyBinding().build(), noKb)).isEqualTo(CheckCode.DISCLOSURES);
  }

  @Test
  void keyBindingStripped_rejectedWhenRequired() {
    String noKb = presentation.substring(0, presentation.lastIndexOf('~') + 1);
    assertThat(rejection(verifier(kbIat).build(), noKb)).isEqualTo(CheckCode.KEY_BINDING);
  }
}
