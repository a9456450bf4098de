package io.zhixin.credentials.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Json.parse, which reads every untrusted credential: Jackson's trees, with the strictness a verifier needs. */
class JsonParseTest {
  private static final ObjectMapper JACKSON = new ObjectMapper();

  private static JsonNode parse(String json) throws Json.JsonException {
    return Json.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void documentsOfEveryShape_giveJacksonsTree() throws Exception {
    for (String json : new String[] {"{}", "[]", "\"text 陈 😀\"", "true", "null", "0", "-12",
        "{\"a\":[1,2147483648,123456789012345678901234567890,{\"b\":null}],\"c\":{\"d\":false,\"e\":\"\\u0041\\n\"}}",
        " [ [ [ ] ] , { } ] "}) {
      assertThat(parse(json)).as(json).isEqualTo(JACKSON.readTree(json));
    }
  }

  @Test
  void decimals_keepEveryDigit() throws Exception {
    assertThat(parse("{\"v\":0.1}").get("v").decimalValue()).isEqualTo(new BigDecimal("0.1"));
    assertThat(parse("[12345678901234567890.000000000001]").get(0).decimalValue())
        .isEqualTo(new BigDecimal("12345678901234567890.000000000001"));
    assertThat(parse("[1e300]").get(0).decimalValue()).isEqualTo(new BigDecimal("1e300"));
  }

  @Test
  void duplicateNames_refusedAtAnyDepth() throws Exception {
    for (String json : new String[] {"{\"a\":1,\"a\":2}", "{\"x\":{\"a\":1,\"b\":2,\"a\":1}}",
        "[{\"ok\":1},{\"k\":[],\"k\":[]}]"}) {
      assertThatThrownBy(() -> parse(json)).as(json).isInstanceOf(Json.JsonException.class)
          .hasMessageContaining("duplicate member name");
    }
    // The same name in different objects is no duplicate.
    assertThat(parse("{\"a\":{\"a\":{\"a\":1}},\"b\":[{\"a\":1},{\"a\":2}]}").size()).isEqualTo(2);
  }

  @Test
  void malformedOrTrailingOrEmpty_refusedAsMalformed() {
    for (String json : new String[] {"", "   ", "{", "{\"a\":}", "[1,]", "{} {}", "{}x", "[1] 2", "NaN", "[NaN]",
        "{'a':1}", "{\"a\":1,}", "\"unterminated"}) {
      assertThatThrownBy(() -> parse(json)).as(json).isInstanceOfSatisfying(Json.JsonException.class,
          e -> assertThat(e.tooLarge).isFalse());
    }
  }

  @Test
  void nestingDeeperThanTheLimit_refusedAsTooLarge() throws Exception {
    String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
    assertThat(parse(ok).isArray()).isTrue();
    String deep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
    assertThatThrownBy(() -> parse(deep)).isInstanceOfSatisfying(Json.JsonException.class,
        e -> assertThat(e.tooLarge).isTrue());
    String deepObjects = "{\"a\":".repeat(Json.MAX_DEPTH + 1) + "1" + "}".repeat(Json.MAX_DEPTH + 1);
    assertThatThrownBy(() -> parse(deepObjects)).isInstanceOfSatisfying(Json.JsonException.class,
        e -> assertThat(e.tooLarge).isTrue());
  }

  @Test
  void slice_parsesOnlyItsBytes() throws Exception {
    byte[] buf = "xx{\"a\":1}yy".getBytes(StandardCharsets.US_ASCII);
    assertThat(Json.parse(buf, 2, 7)).isEqualTo(JACKSON.readTree("{\"a\":1}"));
  }
}
