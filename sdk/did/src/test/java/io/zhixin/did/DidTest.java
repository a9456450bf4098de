package io.zhixin.did;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DidTest {

  @Test
  void parse_validDid_splitsMethodAndId() {
    Did did = Did.parse("did:web:example.gov.cn:dept:tax");
    assertThat(did.method()).isEqualTo("web");
    assertThat(did.methodSpecificId()).isEqualTo("example.gov.cn:dept:tax");
    assertThat(did).hasToString("did:web:example.gov.cn:dept:tax").isEqualTo(Did.of("web", "example.gov.cn:dept:tax"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "did", "did:", "did:key", "did:key:", "did:KEY:z6Mk", "did:key:abc:", "did:key:a b",
      "did:key:z6Mk#frag", "DID:key:z6Mk", "did:key:%zz", "did:key:\u00e9", "urn:uuid:1234"})
  void parse_malformed_refusedWithReason(String input) {
    assertThatThrownBy(() -> Did.parse(input)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DID");
  }

  @Test
  void parse_oversized_refused() {
    String big = "did:key:z" + "a".repeat(Did.MAX_LENGTH);
    assertThatThrownBy(() -> Did.parse(big)).hasMessageContaining("too long");
  }

  @Test
  void parse_pathologicalInput_failsFast() {
    String[] inputs = {"did:key:" + "a:".repeat(1015) + "!", "did:key:" + "%4".repeat(680), "did:a" + "a".repeat(2040)};
    long start = System.nanoTime();
    for (String input : inputs) {
      assertThatThrownBy(() -> Did.parse(input)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(System.nanoTime() - start).as("nanoseconds").isLessThan(1_000_000_000L);
  }

  @Test
  void didUrl_parsesPathQueryFragment() {
    DidUrl url = DidUrl.parse("did:web:example.com/path?x=1#key-1");
    assertThat(url.did()).isEqualTo(Did.parse("did:web:example.com"));
    assertThat(url.path()).isEqualTo("/path");
    assertThat(url.query()).isEqualTo("x=1");
    assertThat(url.fragment()).isEqualTo("key-1");
    assertThat(url).hasToString("did:web:example.com/path?x=1#key-1");
  }
}
