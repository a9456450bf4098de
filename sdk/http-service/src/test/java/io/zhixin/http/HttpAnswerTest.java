package io.zhixin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpAnswerTest {

  @Test
  void withHeader_addsToCopy_originalUnchanged() {
    HttpAnswer a = new HttpAnswer(200, "application/json", Map.of("Cache-Control", "no-store"),
        "{}".getBytes(StandardCharsets.UTF_8));
    HttpAnswer b = a.withHeader("Pragma", "no-cache");
    assertThat(b.headers()).containsOnly(Map.entry("Cache-Control", "no-store"), Map.entry("Pragma", "no-cache"));
    assertThat(a.headers()).containsOnlyKeys("Cache-Control");
    assertThat(b.status()).isEqualTo(200);
    assertThat(b.bodyText()).isEqualTo("{}");
  }

  @Test
  void constructor_nullBody_empty_nullHeaders_rejected() {
    assertThat(new HttpAnswer(401, null, Map.of(), null).body()).isEmpty();
    assertThatThrownBy(() -> new HttpAnswer(200, null, null, null)).isInstanceOf(NullPointerException.class)
        .hasMessage("headers");
  }

  @Test
  void toString_body_notPrinted() {
    HttpAnswer a = new HttpAnswer(200, "application/json", Map.of(), "{\"access_token\":\"t\"}".getBytes(
        StandardCharsets.UTF_8));
    assertThat(a.toString()).isEqualTo("HttpAnswer{200, application/json, 20 bytes}");
  }
}
