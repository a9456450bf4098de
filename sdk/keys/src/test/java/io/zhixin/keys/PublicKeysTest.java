package io.zhixin.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PublicKeysTest {

  @Test
  void thumbprint_rfc8037Example() {
    JWK jwk = PublicKeys.parse("{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
        + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}");
    assertThat(PublicKeys.thumbprint(jwk)).isEqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void bytes_roundTrip(KeyType type) {
    JWK pub = KeyPair.generate(type).publicJwk();
    byte[] raw = PublicKeys.toBytes(pub);
    assertThat(raw).hasSize(type == KeyType.ED25519 ? 32 : 33);
    assertThat(PublicKeys.fromBytes(type.curve(), raw)).isEqualTo(pub);
  }

  @Test
  void parse_privateJwk_refused() {
    String json = KeyPair.generate(KeyType.P256).privateJwk(SecretAccess.insecure()).toJSONString();
    assertThatThrownBy(() -> PublicKeys.parse(json))
        .isInstanceOfSatisfying(KeyException.class, e -> assertThat(e.reason()).isEqualTo(KeyException.Reason.INVALID_KEY))
        .hasMessageContaining("private");
  }

  @Test
  void parse_pointNotOnCurve_invalidKey() {
    ECKey pub = (ECKey) KeyPair.generate(KeyType.P256).publicJwk();
    byte[] y = pub.getY().decode();
    y[31] ^= 1;
    String off = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + pub.getX() + "\",\"y\":\""
        + Base64URL.encode(y) + "\"}";
    assertThatThrownBy(() -> PublicKeys.parse(off))
        .isInstanceOfSatisfying(KeyException.class, e -> assertThat(e.reason()).isEqualTo(KeyException.Reason.INVALID_KEY))
        .hasMessageContaining("malformed");
  }

  @Test
  void fromBytes_truncatedOrBadPrefix_invalidKey() {
    byte[] raw = PublicKeys.toBytes(KeyPair.generate(KeyType.SECP256K1).publicJwk());
    assertThatThrownBy(() -> PublicKeys.fromBytes(Curve.SECP256K1, Arrays.copyOf(raw, 32)))
        .isInstanceOfSatisfying(KeyException.class, e -> assertThat(e.reason()).isEqualTo(KeyException.Reason.INVALID_KEY))
        .hasMessageContaining("found 32");
    raw[0] = 0x05;
    assertThatThrownBy(() -> PublicKeys.fromBytes(Curve.SECP256K1, raw)).isInstanceOf(KeyException.class);
  }

  @Test
  void fromBytes_ed25519SmallOrderPoint_invalidKey() {
    byte[] identity = new byte[32];
    identity[0] = 1; // the neutral element, y = 1
    assertThatThrownBy(() -> PublicKeys.fromBytes(Curve.Ed25519, identity))
        .isInstanceOfSatisfying(KeyException.class, e -> assertThat(e.reason()).isEqualTo(KeyException.Reason.INVALID_KEY));
  }

  @Test
  void parse_unsupportedKeyType() {
    assertThatThrownBy(() -> PublicKeys.parse("{\"kty\":\"oct\",\"k\":\"AAAA\"}"))
        .isInstanceOfSatisfying(KeyException.class,
            e -> assertThat(e.reason()).isEqualTo(KeyException.Reason.UNSUPPORTED_KEY_TYPE));
  }
}
