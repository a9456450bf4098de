package io.zhixin.credentials.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Base64Url decodes what the JDK decodes, and refuses what a JOSE token part must not hold. */
class Base64UrlTest {
  private static final Base64.Encoder JDK = Base64.getUrlEncoder().withoutPadding();

  private static byte[] decode(String s) {
    byte[] in = ("~" + s + "~").getBytes(StandardCharsets.ISO_8859_1); // decoded in place, between separators
    return Base64Url.decode(in, 1, in.length - 1);
  }

  @Test
  void decodesWhatTheJdkEncodes_atEveryLength() {
    Random random = new Random(7);
    for (int length = 0; length < 300; length++) {
      for (int round = 0; round < 20; round++) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        assertThat(decode(JDK.encodeToString(data))).as("length %d", length).isEqualTo(data);
      }
    }
  }

  @Test
  void agreesWithTheJdk_onRandomAlphabetStrings() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    Random random = new Random(11);
    for (int round = 0; round < 5_000; round++) {
      StringBuilder s = new StringBuilder();
      for (int n = random.nextInt(40); n > 0; n--) {
        s.append(alphabet.charAt(random.nextInt(64)));
      }
      if (s.length() % 4 == 1) {
        assertThatThrownBy(() -> decode(s.toString())).isInstanceOf(IllegalArgumentException.class);
      } else {
        // Including non-zero unused bits in the last character, which both accept.
        assertThat(decode(s.toString())).isEqualTo(Base64.getUrlDecoder().decode(s.toString()));
      }
    }
  }

  @Test
  void refusesEveryByteOutsideTheAlphabet_atEveryPosition() {
    String valid = "eyJhbGciOiJFUzI1NiJ9AB"; // 22 characters: five quads and a two-character tail
    for (int b = 0; b < 256; b++) {
      char c = (char) b;
      if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_') {
        continue;
      }
      for (int at = 0; at < valid.length(); at++) {
        String bad = valid.substring(0, at) + c + valid.substring(at + 1);
        assertThatThrownBy(() -> decode(bad)).as("byte %d at %d", b, at).isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Test
  void refusesPaddingAndImpossibleLengths() {
    assertThatThrownBy(() -> decode("YQ==")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> decode("YWI=")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> decode("YWJjZ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5 characters");
    assertThat(decode("")).isEmpty();
    assertThat(decode("YWJj")).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
  }
}
