package io.zhixin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpCallTest {

  @Test
  void constructor_mixedCaseNamesAndNulls_normalised() {
    HttpCall c = new HttpCall("post", "", null,
        Map.of("Content-Type", List.of("application/json"), "X-Trace", List.of("a", "b")), null);
    assertThat(c.method()).isEqualTo("POST");
    assertThat(c.path()).isEqualTo("/");
    assertThat(c.query()).isEmpty();
    assertThat(c.body()).isEmpty();
    assertThat(c.headers()).containsOnlyKeys("content-type", "x-trace");
    assertThat(c.header("CONTENT-TYPE")).isEqualTo("application/json");
    assertThat(c.header("x-trace")).isEqualTo("a");
    assertThat(c.header("authorization")).isNull();
    assertThatThrownBy(() -> c.headers().put("x", List.of())).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void constructor_namesDifferingOnlyInCase_valuesMerged() {
    HttpCall c = new HttpCall("GET", "/", "", Map.of("Accept", List.of("a"), "accept", List.of("b")), null);
    assertThat(c.headers().get("accept")).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void of_pathWithQuery_splitsRawQuery() {
    HttpCall c = HttpCall.of("get", "/status/abc?x=1%202&y=%E5%BC%A0");
    assertThat(c.method()).isEqualTo("GET");
    assertThat(c.path()).isEqualTo("/status/abc");
    assertThat(c.query()).isEqualTo("x=1%202&y=%E5%BC%A0");
    assertThat(c.queryParameters()).containsExactly(Map.entry("x", "1 2"), Map.entry("y", "张"));
    assertThat(HttpCall.of("GET", "/a").query()).isEmpty();
  }

  @Test
  void decodeForm_repeatedAndEmptyParts_firstValueWins() {
    assertThat(HttpCall.decodeForm("a=1&&a=2&b&c=x+y%2Bz&=v"))
        .containsExactly(Map.entry("a", "1"), Map.entry("b", ""), Map.entry("c", "x y+z"), Map.entry("", "v"));
    assertThat(HttpCall.decodeForm(null)).isEmpty();
    assertThat(HttpCall.decodeForm("")).isEmpty();
  }

  @Test
  void decodeForm_brokenPercentEscape_throwsIllegalArgument() {
    assertThatThrownBy(() -> HttpCall.decodeForm("state=%zz")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_headersAndBody_neverPrinted() {
    HttpCall c = new HttpCall("POST", "/token", "code=secret-query",
        Map.of("Authorization", List.of("Bearer secret-token")),
        "pre-authorized_code=secret-body".getBytes(StandardCharsets.UTF_8));
    assertThat(c.toString()).isEqualTo("HttpCall{POST /token}").doesNotContain("secret");
  }
}
