package io.zhixin.conformance.sdjwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import io.zhixin.credentials.Check;
import io.zhixin.credentials.VerificationResult;
import io.zhixin.credentials.Verifier;
import io.zhixin.credentials.sdjwt.SdJwtIssuer;
import io.zhixin.credentials.sdjwt.SdJwtPresentation;
import io.zhixin.credentials.sdjwt.SdObject;
import io.zhixin.keys.KeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every sd-jwt-python test case. For each case with generated outputs, the stored presentation must verify
 * and yield exactly {@code verified_contents.json}; for every case, the SDK issues the specification's claims,
 * presents the holder's choice and must verify to {@code expect_verified_user_claims}.
 */
class SdJwtSpecVectorsTest {

  private static final String VERIFIER = "https://example.com/verifier";

  @TestFactory
  Stream<DynamicTest> storedPresentations_verify_toVerifiedContents() {
    return SdJwtVectors.cases().stream()
        .filter(d -> Files.exists(d.resolve("verified_contents.json")))
        .map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> verifyStored(d)));
  }

  @TestFactory
  Stream<DynamicTest> specification_issuedPresentedVerified_yieldsExpectedClaims() {
    return SdJwtVectors.cases().stream()
        .map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> issueAndVerify(d)));
  }

  private static void verifyStored(Path dir) {
    JsonNode spec = SdJwtVectors.yaml(dir.resolve("specification.yml"));
    JsonNode settings = SdJwtVectors.yaml(dir.getParent().resolve("settings.yml"));
    JsonNode keys = SdJwtVectors.keySettings(dir);
    JWK issuerKey = SdJwtVectors.jwk(keys.get("issuer_keys").get(0)).toPublicJWK();
    boolean kb = spec.path("key_binding").asBoolean(false);
    Path compact = dir.resolve("sd_jwt_presentation.txt");
    String presentation = Files.exists(compact) ? SdJwtVectors.read(compact)
        : SdJwtVectors.json(SdJwtVectors.read(dir.resolve("sd_jwt_presentation.json"))).asText();
    // Verify at the moment the key binding JWT was made (or within the credential's validity otherwise).
    Instant at = kb ? Instant.ofEpochSecond(SdJwtVectors.json(SdJwtVectors.read(dir.resolve("kb_jwt_payload.json")))
        .get("iat").asLong()) : Instant.ofEpochSecond(settings.get("iat").asLong()).plusSeconds(60);
    Verifier verifier = verifier(issuerKey, kb, settings.get("key_binding_nonce").asText(), at);

    VerificationResult r = verifier.verify(presentation);

    assertThat(r.problems()).as("problems").isEmpty();
    JsonNode actual = SdJwtVectors.json(r.orElseThrow().credential().claimsJson());
    JsonNode expected = SdJwtVectors.json(SdJwtVectors.read(dir.resolve("verified_contents.json")));
    assertThat(actual).isEqualTo(expected);
  }

  private static void issueAndVerify(Path dir) throws Exception {
    JsonNode spec = SdJwtVectors.yaml(dir.resolve("specification.yml"));
    JsonNode keys = SdJwtVectors.keySettings(dir);
    KeyPair issuerKey = KeyPair.fromJwk(SdJwtVectors.jwk(keys.get("issuer_keys").get(0)));
    KeyPair holderKey = KeyPair.fromJwk(SdJwtVectors.jwk(keys.get("holder_key")));
    boolean kb = spec.path("key_binding").asBoolean(false);
    Instant now = Instant.parse("2026-12-01T00:00:00Z");
    SdObject claims = SdJwtVectors.userClaims(dir.resolve("specification.yml"));

    String issued = SdJwtIssuer.builder().signer(issuerKey.signer()).type("example+sd-jwt").build()
        .issue(claims, kb ? holderKey.publicJwk() : null);
    SdJwtPresentation.Builder pb = SdJwtPresentation.builder(issued).clock(Clock.fixed(now, ZoneOffset.UTC));
    SdJwtVectors.disclosedPaths(spec.path("holder_disclosed_claims")).forEach(pb::disclose);
    if (kb) {
      pb.keyBinding(holderKey.signer(), VERIFIER, "n-0S6_WzA2Mj");
    }
    VerificationResult r = verifier(issuerKey.publicJwk(), kb, "n-0S6_WzA2Mj", now).verify(pb.build());

    assertThat(r.problems()).as("problems").isEmpty();
    ObjectNode actual = (ObjectNode) SdJwtVectors.json(r.orElseThrow().credential().claimsJson());
    actual.remove("cnf");
    JsonNode expected = SdJwtVectors.json(SdJwtVectors.JSON.writeValueAsString(
        spec.get("expect_verified_user_claims")));
    assertThat(actual).isEqualTo(expected);
  }

  private static Verifier verifier(JWK issuerKey, boolean kb, String nonce, Instant at) {
    Verifier.Builder b = Verifier.builder()
        .issuerKeys((iss, kid) -> issuerKey)
        .acceptAnyIssuer()
        .acceptAnyType()
        .sdJwtMediaTypes("example+sd-jwt")
        .ignoreStatus()
        .clock(Clock.fixed(at, ZoneOffset.UTC));
    if (kb) {
      b.audience(VERIFIER).nonce(nonce);
    } else {
      b.ignoreAudience().ignoreNonce().allowMissingKeyBinding();
    }
    return b.build();
  }

  static List<Check> failures(VerificationResult r) {
    return r.problems();
  }
}
