package io.zhixin.credentials.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** JsonText writes the bytes Jackson writes, so hand-assembled SD-JWT parts read back as what was put in. */
class JsonTextTest {
  private static final ObjectMapper JACKSON = new ObjectMapper();

  private static void assertSameAsJackson(Object value) throws Exception {
    byte[] ours = new JsonText(1).value(value).toByteArray(); // capacity 1: every write has to grow the buffer
    // Through our tree, whose mapper keeps decimals exact (1e300 is written 1.0E+300).
    assertThat(new String(ours, StandardCharsets.UTF_8)).isEqualTo(Json.write(Json.toNode(value)));
    assertThat(JACKSON.readTree(ours)).isEqualTo(JACKSON.readTree(JACKSON.writeValueAsBytes(value)));
  }

  @Test
  void strings_escapesControlsQuotesAndBackslashes_writesOtherTextAsUtf8() throws Exception {
    for (String s : List.of("", "plain ascii", "陈小明", "佛山市禅城区 440604", "emoji 😀 and 𝄞", "quote \" back \\ slash",
        "\n\r\t\b\f", "\u0000\u0001\u001f\u007f", "é then \u0007 after", "/ <script> &amp;", "\u2028\u2029",
        "\uFFFF\u0800\u07FF\u0080")) {
      assertSameAsJackson(s);
    }
  }

  @Test
  void strings_everyCharacterBelow0x3000_matchJackson() throws Exception {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x3000; c++) {
      if (!Character.isSurrogate(c)) {
        all.append(c);
      }
    }
    assertSameAsJackson(all.toString());
  }

  @Test
  void loneSurrogate_becomesQuestionMark_likeStringGetBytes() {
    byte[] ours = new JsonText(8).string("a\uD800b").toByteArray();
    assertThat(new String(ours, StandardCharsets.UTF_8)).isEqualTo("\"a?b\"");
  }

  @Test
  void valuesOfEveryShape_matchJackson() throws Exception {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("n", null);
    nested.put("list", List.of(1, 2L, "三", true, false, List.of(), Map.of()));
    nested.put("key \"quoted\"", Map.of("inner", Long.MIN_VALUE));
    for (Object v : Arrays.asList(null, true, false, 0, -1, Integer.MAX_VALUE, Long.MAX_VALUE, 0.25, 1e300,
        new BigDecimal("12345678901234567890.000000000001"), new BigInteger("123456789012345678901234567890"),
        List.of("a", 1), nested, JACKSON.readTree("{\"a\":[1,2.5,\"x\",null,{\"b\":true}]}"))) {
      assertSameAsJackson(v);
    }
  }

  @Test
  void randomStrings_matchJackson() throws Exception {
    Random random = new Random(9901);
    for (int i = 0; i < 2000; i++) {
      char[] cs = new char[random.nextInt(40)];
      for (int j = 0; j < cs.length; j++) {
        char c;
        do {
          c = (char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000));
        } while (Character.isSurrogate(c));
        cs[j] = c;
      }
      assertSameAsJackson(new String(cs));
    }
  }

  @Test
  void clear_keepsNothingOfTheLastText() {
    JsonText text = new JsonText(4).string("long enough to grow");
    assertThat(new String(text.clear().raw('[').string("x").raw(']').toByteArray(), StandardCharsets.UTF_8))
        .isEqualTo("[\"x\"]");
  }
}
