package io.zhixin.credentials.vc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.credentials.CredentialValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataModelTest {

  private static final String BASE = "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],"
      + "\"type\":[\"VerifiableCredential\"],\"issuer\":\"did:example:gaj\",\"credentialSubject\":{\"id\":\"did:example:h\"}";

  private static String violation(String json) {
    try {
      VerifiableCredential.parse(json);
    } catch (CredentialValidationException e) {
      return e.violations().get(0).detail();
    }
    throw new AssertionError("accepted: " + json);
  }

  @Test
  void parse_valid_accepted() {
    VerifiableCredential vc = VerifiableCredential.parse(BASE + ",\"validFrom\":\"2026-01-01T00:00:00Z\","
        + "\"name\":[{\"@value\":\"居住证明\",\"@language\":\"zh-CN\"},\"Residence\"],"
        + "\"relatedResource\":[{\"id\":\"https://x.example/ctx\",\"digestSRI\":\"sha384-abc+/=\"}]}");
    assertThat(vc.issuer()).isEqualTo("did:example:gaj");
  }

  @Test
  void parse_eachRuleViolation_namesTheRule() {
    assertThat(violation(BASE.replace("https://www.w3.org/ns/credentials/v2", "https://x.example") + "}"))
        .startsWith("@context");
    assertThat(violation(BASE.replace("[\"VerifiableCredential\"]", "[\"Foo\"]") + "}")).startsWith("type");
    assertThat(violation(BASE.replace("\"did:example:gaj\"", "\"not a url\"") + "}")).startsWith("issuer");
    assertThat(violation(BASE.replace("\"did:example:gaj\"", "{\"name\":\"x\"}") + "}")).startsWith("issuer");
    assertThat(violation(BASE + ",\"validFrom\":\"2026-01-01\"}")).startsWith("validFrom");
    assertThat(violation(BASE + ",\"validFrom\":\"2026-01-02T00:00:00Z\",\"validUntil\":\"2026-01-01T00:00:00Z\"}"))
        .startsWith("validUntil");
    assertThat(violation(BASE.replace(",\"credentialSubject\":{\"id\":\"did:example:h\"}", "") + "}"))
        .startsWith("credentialSubject");
    assertThat(violation(BASE + ",\"credentialStatus\":{\"id\":\"https://s.example/1\"}}"))
        .startsWith("credentialStatus");
    assertThat(violation(BASE + ",\"credentialSchema\":{\"id\":\"https://s.example/1\"}}"))
        .startsWith("credentialSchema");
    assertThat(violation(BASE + ",\"evidence\":[{\"id\":\"https://e.example\"}]}")).startsWith("evidence");
    assertThat(violation(BASE + ",\"termsOfUse\":{}}")).startsWith("termsOfUse");
    assertThat(violation(BASE + ",\"refreshService\":{\"id\":\"https://r.example\"}}")).startsWith("refreshService");
    assertThat(violation(BASE + ",\"name\":{\"@value\":\"x\",\"@language\":\"not a tag\"}}")).startsWith("name");
    assertThat(violation(BASE + ",\"description\":{\"value\":\"x\"}}")).startsWith("description");
    assertThat(violation(BASE + ",\"relatedResource\":[{\"id\":\"https://x.example\"}]}"))
        .startsWith("relatedResource");
    assertThat(violation(BASE + ",\"relatedResource\":[{\"id\":\"https://x.example\",\"digestSRI\":\"md5-x\"}]}"))
        .startsWith("relatedResource");
    assertThat(violation("{not json")).contains("JSON");
  }

  @Test
  void builder_invalid_refusedAtIssuance() {
    assertThatThrownBy(() -> VerifiableCredential.builder().issuer("did:example:gaj").build())
        .isInstanceOf(CredentialValidationException.class).hasMessageContaining("credentialSubject");
    assertThatThrownBy(() -> VerifiableCredential.builder().issuer("did:example:gaj")
        .validFrom(Instant.parse("2026-02-01T00:00:00Z")).validUntil(Instant.parse("2026-01-01T00:00:00Z"))
        .subject(Map.of("a", 1)).build()).isInstanceOf(CredentialValidationException.class)
        .hasMessageContaining("validUntil");
  }

  @Test
  void builder_valid_hasV2ContextFirst() {
    VerifiableCredential vc = VerifiableCredential.builder().type("ResidenceCertificate").issuer("did:example:gaj")
        .subject(Map.of("address", "禅城区")).property("evidence", List.of(Map.of("type", "DocumentVerification")))
        .build();
    assertThat(vc.toJson()).startsWith("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"]");
    assertThat(vc.types()).containsExactly("VerifiableCredential", "ResidenceCertificate");
  }
}
