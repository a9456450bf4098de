package io.zhixin.credentials.sdjwt;

import static io.zhixin.credentials.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import io.zhixin.credentials.Check;
import io.zhixin.credentials.CheckCode;
import io.zhixin.credentials.VerificationResult;
import io.zhixin.credentials.Verifier;
import io.zhixin.credentials.internal.Json;
import io.zhixin.credentials.internal.SdJwtEngine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Forged, tampered and oversized SD-JWTs must be rejected with the right check code, never with an exception. */
class SdJwtRejectionTest {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private static CheckCode rejectedWith(String input) {
    return rejectedWith(verifier().build(), input);
  }

  private static CheckCode rejectedWith(Verifier v, String input) {
    VerificationResult r = v.verify(input);
    assertThat(r.isVerified()).as("verified").isFalse();
    assertThat(r).isInstanceOf(VerificationResult.Rejected.class);
    List<Check> problems = r.problems();
    assertThat(problems).isNotEmpty();
    assertThat(problems.get(0).detail()).isNotBlank().doesNotContain("null");
    return problems.get(0).code();
  }

  private static String kb(String sdJwtWithTilde, String aud, String nonce, long iat, io.zhixin.keys.Signer key) {
    JWSHeader h = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("kb+jwt")).build();
    ObjectNode p = Json.object().put("iat", iat).put("aud", aud).put("nonce", nonce)
        .put("sd_hash", SdJwtEngine.digest(sdJwtWithTilde));
    return io.zhixin.credentials.Fixtures.signJws(key, h, Json.writeBytes(p));
  }

  private static String issuedUpTo(String... paths) {
    SdJwtPresentation.Builder b = SdJwtPresentation.builder(issueSdJwt());
    for (String p : paths) {
      b.disclose(p);
    }
    return b.build();
  }

  @Test
  void nonAsciiCharacters_inAnyPart_rejectedAsUndecodable() {
    String sd = issuedUpTo("name");
    int dot = sd.indexOf('.');
    int tilde = sd.indexOf('~');
    for (String bad : List.of("é", "中", "\u0080", "ÿ", "😀")) {
      assertThat(rejectedWith(bad + sd)).as("header " + bad).isEqualTo(CheckCode.MALFORMED);
      assertThat(rejectedWith(sd.substring(0, dot + 1) + bad + sd.substring(dot + 1))).as("payload " + bad)
          .isEqualTo(CheckCode.MALFORMED);
      assertThat(rejectedWith(sd.substring(0, tilde) + bad + sd.substring(tilde))).as("signature " + bad)
          .isEqualTo(CheckCode.MALFORMED);
      assertThat(rejectedWith(sd.substring(0, tilde + 1) + bad + sd.substring(tilde + 1))).as("disclosure " + bad)
          .isEqualTo(CheckCode.DISCLOSURES); // "is not base64url", like any other undecodable disclosure
    }
  }

  @Test
  void forgedDisclosure_notSignedByIssuer_rejected() {
    String base = issuedUpTo("name");
    String forged = B64.encodeToString("[\"salt\",\"age_over_18\",true]".getBytes(StandardCharsets.UTF_8));
    String sd = base + forged + "~";
    assertThat(rejectedWith(sd + kb(sd, AUD, NONCE, NOW.getEpochSecond(), HOLDER_KEY.signer())))
        .isEqualTo(CheckCode.DISCLOSURES);
  }

  @Test
  void duplicatedDisclosure_rejected() {
    String base = issuedUpTo("name");
    String[] parts = base.split("~");
    String sd = base + parts[1] + "~";
    assertThat(rejectedWith(sd + kb(sd, AUD, NONCE, NOW.getEpochSecond(), HOLDER_KEY.signer())))
        .isEqualTo(CheckCode.DISCLOSURES);
  }

  @Test
  void wrongSdHash_disclosureAddedAfterKeyBinding_rejected() {
    String issued = issueSdJwt();
    String presented = SdJwtPresentation.builder(issued).disclose("name").clock(CLOCK)
        .keyBinding(HOLDER_KEY.signer(), AUD, NONCE).build();
    String extra = issued.split("~")[2];
    int lastTilde = presented.lastIndexOf('~');
    String tampered = presented.substring(0, lastTilde + 1) + extra + presented.substring(lastTilde);
    assertThat(rejectedWith(tampered)).isIn(CheckCode.SD_HASH);
  }

  @Test
  void wrongAudience_rejected() {
    String sd = issuedUpTo("name");
    assertThat(rejectedWith(sd + kb(sd, "https://evil.example", NONCE, NOW.getEpochSecond(), HOLDER_KEY.signer())))
        .isEqualTo(CheckCode.AUDIENCE);
  }

  @Test
  void wrongNonce_rejected() {
    String sd = issuedUpTo("name");
    assertThat(rejectedWith(sd + kb(sd, AUD, "replayed", NOW.getEpochSecond(), HOLDER_KEY.signer())))
        .isEqualTo(CheckCode.NONCE);
  }

  @Test
  void staleOrFutureKeyBinding_rejected() {
    String sd = issuedUpTo("name");
    assertThat(rejectedWith(sd + kb(sd, AUD, NONCE, NOW.minusSeconds(3600).getEpochSecond(), HOLDER_KEY.signer())))
        .isEqualTo(CheckCode.FRESHNESS);
    assertThat(rejectedWith(sd + kb(sd, AUD, NONCE, NOW.plusSeconds(120).getEpochSecond(), HOLDER_KEY.signer())))
        .isEqualTo(CheckCode.FRESHNESS);
  }

  @Test
  void keyBindingWithWrongKey_rejected() {
    String sd = issuedUpTo("name");
    assertThat(rejectedWith(sd + kb(sd, AUD, NONCE, NOW.getEpochSecond(), OTHER_KEY.signer())))
        .isEqualTo(CheckCode.KEY_BINDING);
  }

  @Test
  void issuerSignatureByOtherKey_rejected() {
    String issued = io.zhixin.credentials.sdjwt.SdJwtVcIssuer.builder().signer(OTHER_KEY.signer()).issuer(ISSUER)
        .clock(CLOCK).build().issue(VCT, identityClaims(), HOLDER_KEY.publicJwk(), null, List.of());
    String sd = SdJwtPresentation.builder(issued).disclose("name").build();
    assertThat(rejectedWith(sd + kb(sd, AUD, NONCE, NOW.getEpochSecond(), HOLDER_KEY.signer())))
        .isEqualTo(CheckCode.SIGNATURE);
  }

  @Test
  void expired_rejected() {
    String sd = issuedUpTo("name");
    Verifier late = verifier().clock(Clock.fixed(NOW.plus(Duration.ofDays(2)), ZoneOffset.UTC)).build();
    assertThat(rejectedWith(late, sd + kb(sd, AUD, NONCE, NOW.plus(Duration.ofDays(2)).getEpochSecond(),
        HOLDER_KEY.signer()))).isEqualTo(CheckCode.EXPIRED);
  }

  /** Builds an issuer JWT with an arbitrary header/payload signed by the issuer key. */
  private static String jwt(JWSHeader header, ObjectNode payload) {
    return io.zhixin.credentials.Fixtures.signJws(ISSUER_KEY.signer(), header, Json.writeBytes(payload));
  }

  private static ObjectNode payload() {
    ObjectNode p = Json.object().put("iss", ISSUER).put("vct", VCT).put("_sd_alg", "sha-256");
    p.putObject("cnf").set("jwk", Json.toNode(HOLDER_KEY.publicJwk().toJSONObject()));
    return p;
  }

  private static String withKb(String jwt) {
    String sd = jwt + "~";
    return sd + kb(sd, AUD, NONCE, NOW.getEpochSecond(), HOLDER_KEY.signer());
  }

  @Test
  void algNone_rejected() {
    String h = B64.encodeToString("{\"alg\":\"none\",\"typ\":\"dc+sd-jwt\"}".getBytes(StandardCharsets.UTF_8));
    String p = B64.encodeToString(Json.writeBytes(payload()));
    assertThat(rejectedWith(withKb(h + "." + p + "."))).isEqualTo(CheckCode.ALGORITHM);
  }

  @Test
  void hmac_rejected() throws Exception {
    JWSObject o = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("dc+sd-jwt"))
        .build(), new Payload(Json.writeBytes(payload())));
    o.sign(new MACSigner(new byte[32]));
    assertThat(rejectedWith(withKb(o.serialize()))).isEqualTo(CheckCode.ALGORITHM);
  }

  @Test
  void unknownCriticalHeader_rejected() {
    JWSHeader h = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dc+sd-jwt"))
        .criticalParams(java.util.Set.of("exp_x")).customParam("exp_x", 1).build();
    assertThat(rejectedWith(withKb(jwt(h, payload())))).isEqualTo(CheckCode.CRITICAL_HEADER);
  }

  @Test
  void algorithmNotMatchingKey_rejected() {
    // An EdDSA-signed JWT whose issuer resolves to a P-256 key.
    io.zhixin.keys.KeyPair ed = io.zhixin.keys.KeyPair.generate(io.zhixin.keys.KeyType.ED25519);
    String t = io.zhixin.credentials.Fixtures.signJws(ed.signer(), new JWSHeader.Builder(JWSAlgorithm.EdDSA)
        .type(new JOSEObjectType("dc+sd-jwt")).build(), Json.writeBytes(payload()));
    Verifier v = verifier().acceptedAlgorithms(JWSAlgorithm.ES256, JWSAlgorithm.EdDSA).build();
    assertThat(rejectedWith(v, withKb(t))).isEqualTo(CheckCode.ALGORITHM);
  }

  @Test
  void wrongTyp_rejected() {
    JWSHeader h = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("JWT")).build();
    assertThat(rejectedWith(withKb(jwt(h, payload())))).isEqualTo(CheckCode.MEDIA_TYPE);
  }

  @Test
  void reservedNameInDisclosure_rejected() {
    String d = B64.encodeToString("[\"salt\",\"_sd\",[\"x\"]]".getBytes(StandardCharsets.UTF_8));
    ObjectNode p = payload();
    p.putArray("_sd").add(SdJwtEngine.digest(d));
    String sd = jwt(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dc+sd-jwt")).build(), p)
        + "~" + d + "~";
    assertThat(rejectedWith(sd + kb(sd, AUD, NONCE, NOW.getEpochSecond(), HOLDER_KEY.signer())))
        .isEqualTo(CheckCode.DISCLOSURES);
  }

  @Test
  void digestSignedTwice_rejected() {
    String d = B64.encodeToString("[\"salt\",\"name\",\"x\"]".getBytes(StandardCharsets.UTF_8));
    ObjectNode p = payload();
    p.putArray("_sd").add(SdJwtEngine.digest(d));
    p.putObject("nested").putArray("_sd").add(SdJwtEngine.digest(d));
    String sd = jwt(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dc+sd-jwt")).build(), p)
        + "~" + d + "~";
    assertThat(rejectedWith(sd + kb(sd, AUD, NONCE, NOW.getEpochSecond(), HOLDER_KEY.signer())))
        .isEqualTo(CheckCode.DISCLOSURES);
  }

  @Test
  void wrongSdAlg_rejected() {
    ObjectNode p = payload().put("_sd_alg", "md5");
    assertThat(rejectedWith(withKb(jwt(new JWSHeader.Builder(JWSAlgorithm.ES256)
        .type(new JOSEObjectType("dc+sd-jwt")).build(), p)))).isEqualTo(CheckCode.SD_ALG);
  }

  @Test
  void oversizedInputs_refusedAsTooLarge() {
    String big = "a".repeat(1024 * 1024 + 1) + "~";
    assertThat(rejectedWith(big)).isEqualTo(CheckCode.TOO_LARGE);
    String many = issuedUpTo("name") + "WyJhIiwiYiJd~".repeat(1001);
    assertThat(rejectedWith(many)).isEqualTo(CheckCode.TOO_LARGE);
    // Refused before any parsing or signature work: the size check is the only check that ran.
    assertThat(verifier().build().verify(big).checks()).singleElement()
        .satisfies(c -> assertThat(c.code()).isEqualTo(CheckCode.TOO_LARGE));
    assertThat(verifier().build().verify(many).checks()).singleElement()
        .satisfies(c -> assertThat(c.code()).isEqualTo(CheckCode.TOO_LARGE));
    ObjectNode p = payload();
    ObjectNode cur = p;
    for (int i = 0; i < 40; i++) {
      cur = cur.putObject("n");
    }
    assertThat(rejectedWith(withKb(jwt(new JWSHeader.Builder(JWSAlgorithm.ES256)
        .type(new JOSEObjectType("dc+sd-jwt")).build(), p)))).isEqualTo(CheckCode.TOO_LARGE);
  }

  @Test
  void garbage_neverThrows() {
    for (String g : new String[] {"", "~", "~~~", "a.b.c~", "{", "{\"payload\":1}", "e30.e30.~", "\u0000~x",
        ".~.~.", null}) {
      VerificationResult r = verifier().build().verify(g);
      assertThat(r.isVerified()).isFalse();
      assertThat(r.problems()).allSatisfy(c -> assertThat(c.detail()).isNotBlank());
    }
  }
}
