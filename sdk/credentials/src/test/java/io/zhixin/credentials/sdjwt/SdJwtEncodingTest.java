package io.zhixin.credentials.sdjwt;

import static io.zhixin.credentials.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhixin.credentials.VerifiedCredential;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The issuer writes payloads and disclosures as JSON text directly: whatever the claims hold, a holder disclosing
 * everything must give back exactly those claims, and the encoded parts must be plain, strict JSON.
 */
class SdJwtEncodingTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static SdObject awkwardClaims() {
    Map<String, Object> plainMap = new LinkedHashMap<>();
    plainMap.put("quote\"and\\backslash", List.of(1, 2L, "三", true));
    plainMap.put("nothing", null);
    return SdObject.builder()
        .disclosable("name", "陈\"小\"明\\\n\t\u0001 😀")
        .disclosable("odd \"name\"\u0007", "value")
        .disclosable("big", new BigDecimal("12345678901234567890.000000000001"))
        .disclosable("count", 42)
        .disclosable("long", Long.MAX_VALUE)
        .disclosable("ratio", 0.25)
        .disclosable("none", null)
        .plain("plain_map", plainMap)
        .plain("plain_list", List.of("a", Map.of("k", "v")))
        .disclosable("address", SdObject.builder().plain("country", "CN").disclosable("locality", "佛山")
            .decoys(1).build())
        .plain("nationalities", SdArray.builder().disclosable("CN").plain("HK")
            .disclosable(SdObject.builder().disclosable("inner", "x").build()).decoys(2).build())
        .decoys(3)
        .build();
  }

  @Test
  void everyValueShape_roundTripsThroughIssueAndFullDisclosure() throws Exception {
    SdObject claims = awkwardClaims();
    String issued = SdJwtVcIssuer.builder().signer(ISSUER_KEY.signer()).issuer(ISSUER).keyId(KID).clock(CLOCK)
        .build().issue(VCT, claims, HOLDER_KEY.publicJwk(), null, List.of());
    String presentation = SdJwtPresentation.builder(issued).discloseAll().clock(CLOCK)
        .keyBinding(HOLDER_KEY.signer(), AUD, NONCE).build();

    VerifiedCredential c = verifier().build().verify(presentation).orElseThrow().credential();

    JsonNode expected = JSON.readTree(io.zhixin.credentials.internal.SdJwtEncoder.plain(claims).toString());
    JsonNode actual = JSON.readTree(c.claimsJson());
    for (var it = expected.fields(); it.hasNext(); ) {
      var e = it.next();
      assertThat(actual.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Test
  void encodedParts_areStrictJson_withSortedDigestsAndDecoys() throws Exception {
    String issued = SdJwtVcIssuer.builder().signer(ISSUER_KEY.signer()).issuer(ISSUER).keyId(KID).clock(CLOCK)
        .build().issue(VCT, awkwardClaims(), HOLDER_KEY.publicJwk(), null, List.of());
    String[] parts = issued.split("~");
    JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[0].split("\\.")[1]));

    // 7 top-level disclosures + the address + 3 decoys; sorted so their order says nothing about the claims'
    List<String> sd = new ArrayList<>();
    payload.get("_sd").forEach(d -> sd.add(d.textValue()));
    assertThat(sd).hasSize(11).isSorted();
    assertThat(payload.get("_sd_alg").textValue()).isEqualTo("sha-256");
    assertThat(payload.get("cnf").get("jwk").get("kty").textValue()).isEqualTo("EC");
    assertThat(payload.get("nationalities")).hasSize(5); // HK, 2 disclosable elements, 2 decoys
    assertThat(payload.get("iss").textValue()).isEqualTo(ISSUER);

    // 7 top-level + address + locality + 2 array elements + the inner claim
    assertThat(parts).hasSize(1 + 12);
    java.util.Set<String> salts = new java.util.HashSet<>();
    for (int i = 1; i < parts.length; i++) {
      JsonNode d = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[i]), StandardCharsets.UTF_8));
      assertThat(d.isArray() && (d.size() == 2 || d.size() == 3)).as(parts[i]).isTrue();
      assertThat(Base64.getUrlDecoder().decode(d.get(0).textValue())).hasSize(18); // 144-bit salt
      salts.add(d.get(0).textValue());
    }
    assertThat(salts).as("every disclosure has a salt of its own").hasSize(parts.length - 1);
  }
}
