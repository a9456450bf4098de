package io.zhixin.vcapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.credentials.sdjwt.SdArray;
import io.zhixin.credentials.sdjwt.SdObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SdClaimsTest {
  static Map<String, Object> claims() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "张三");
    m.put("address", new LinkedHashMap<>(Map.of("locality", "佛山", "country", "CN")));
    m.put("nationalities", List.of("CN", "HK"));
    m.put("a/b", 1);
    return m;
  }

  static SdObject.Entry entry(SdObject o, String name) {
    return o.entries().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void of_namesAndPointers_makeExactlyThoseClaimsDisclosable() {
    SdObject o = SdClaims.of(claims(), List.of("name", "/address/locality", "nationalities/1", "/a~1b"), 3);
    assertThat(entry(o, "name").disclosable()).isTrue();
    assertThat(entry(o, "a/b").disclosable()).isTrue();
    assertThat(entry(o, "address").disclosable()).isFalse();
    SdObject address = (SdObject) entry(o, "address").value();
    assertThat(entry(address, "locality").disclosable()).isTrue();
    assertThat(entry(address, "country").disclosable()).isFalse();
    SdArray nat = (SdArray) entry(o, "nationalities").value();
    assertThat(nat.elements()).extracting(SdArray.Element::disclosable).containsExactly(false, true);
    assertThat(o.decoys()).isEqualTo(3);
  }

  @Test
  void of_pathsThatNameNoClaim_areRefused() {
    assertThatThrownBy(() -> SdClaims.of(claims(), List.of("nmae"), 0)).isInstanceOf(
        IllegalArgumentException.class).hasMessageContaining("/nmae");
    assertThatThrownBy(() -> SdClaims.of(claims(), List.of("name/x"), 0)).hasMessageContaining("/name/x");
    assertThatThrownBy(() -> SdClaims.of(claims(), List.of("/"), 0)).hasMessageContaining("must name a claim");
    assertThatThrownBy(() -> SdClaims.of(claims(), List.of("address//locality"), 0))
        .hasMessageContaining("empty segment");
    assertThatThrownBy(() -> SdClaims.of(claims(), List.of("nationalities/5"), 0))
        .hasMessageContaining("/nationalities/5");
  }
}
