package io.zhixin.credentials.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The hand-written lexical checks of {@link DataModel}: dateTimeStamp parsing and the absolute-URI test. */
class DataModelLexicalTest {

  @ParameterizedTest
  @ValueSource(strings = {"2026-01-01T00:00:00Z", "2026-12-04T10:00:00.5+08:00", "2024-02-29T23:59:59.123456789Z",
      "1970-01-01T00:00:00-14:00", "0001-01-01T00:00:00+14:00", "2026-06-30T12:30:00.000001-03:30"})
  void dateTimeStamp_agreesWithJavaTime(String s) {
    assertThat(DataModel.parseDateTimeStamp(s)).isEqualTo(OffsetDateTime.parse(s));
  }

  @Test
  void dateTimeStamp_randomInstants_agreeWithJavaTime() {
    Random r = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      OffsetDateTime t = OffsetDateTime.of(1 + r.nextInt(9998), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24),
          r.nextInt(60), r.nextInt(60), r.nextBoolean() ? 0 : r.nextInt(1_000_000_000),
          ZoneOffset.ofTotalSeconds((r.nextInt(28 * 4 + 1) - 56) * 15 * 60));
      String s = t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      assertThat(DataModel.parseDateTimeStamp(s)).as(s).isEqualTo(t);
    }
  }

  @Test
  void dateTimeStamp_xmlSchemaForms_beyondJavaTimeParse() {
    assertThat(DataModel.parseDateTimeStamp("12026-01-01T00:00:00Z")).isEqualTo(
        OffsetDateTime.of(12026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    assertThat(DataModel.parseDateTimeStamp("-0044-03-15T12:00:00Z")).isEqualTo(
        OffsetDateTime.of(-44, 3, 15, 12, 0, 0, 0, ZoneOffset.UTC));
    assertThat(DataModel.parseDateTimeStamp("2026-01-01T00:00:00.1234567891Z").getNano()).isEqualTo(123_456_789);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2026-01-01", "2026-01-01T00:00:00", "2026-01-01T00:00Z", "2026-1-01T00:00:00Z",
      "2026-01-01 00:00:00Z", "2026-01-01t00:00:00z", "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z",
      "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z",
      "2026-01-01T23:59:60Z", "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00+15:00", "2026-01-01T00:00:00+14:30",
      "2026-01-01T00:00:00+0800", "2026-01-01T00:00:00Z ", " 2026-01-01T00:00:00Z", "02026-01-01T00:00:00Z",
      "-0000-01-01T00:00:00Z", "+2026-01-01T00:00:00Z", "2026-01-01T00:00:00+08:00Z", "２０２６-01-01T00:00:00Z"})
  void dateTimeStamp_refused(String s) {
    assertThat(DataModel.parseDateTimeStamp(s)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://gaj.chancheng.gov.cn/credentials/1", "did:web:gaj.chancheng.gov.cn#key-1",
      "urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
      "https://example.com/a%20b?q=1&r=[x]", "http://[::1]:8080/", "mailto:a@b.example", "https://例子.cn/路径",
      "data:application/vc+jwt,eyJhbGciOiJFUzI1NiJ9.e30.sig"})
  void isUrl_acceptsAbsoluteUris(String s) {
    assertThat(DataModel.isUrl(TextNode.valueOf(s))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not a url", "/relative/path", "://no-scheme", "1http://x", "ht tp://x", "https:",
      "https://x/a b", "https://x/%zz", "https://x/%2", "https://x/\"q\"", "https://x/<a>", "https://x/\u0000",
      "https://x/\u3000", "https://x/a\\b", "https://x/{a}"})
  void isUrl_refusesTheRest(String s) {
    assertThat(DataModel.isUrl(TextNode.valueOf(s))).isFalse();
  }
}
