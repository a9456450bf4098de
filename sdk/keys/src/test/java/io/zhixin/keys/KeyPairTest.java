package io.zhixin.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class KeyPairTest {

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void generate_signsJwsThatVerifies(KeyType type) throws Exception {
    KeyPair key = KeyPair.generate(type);
    assertThat(key.keyType()).isEqualTo(type);
    assertThat(key.publicJwk().isPrivate()).isFalse();

    JWSObject jws = new JWSObject(new JWSHeader(type.jwsAlgorithm()), new Payload("hello"));
    jws.sign(Jws.signer(key.signer()));
    assertThat(jws.getSignature().decode()).hasSize(64);
    assertThat(jws.verify(Jws.verifier(key.publicJwk()))).isTrue();

    JWSObject tampered = new JWSObject(jws.getHeader().toBase64URL(), new Payload("hellO").toBase64URL(),
        jws.getSignature());
    assertThat(tampered.verify(Jws.verifier(key.publicJwk()))).isFalse();
    // Another key of the same type must not verify it.
    assertThat(JWSObject.parse(jws.serialize()).verify(Jws.verifier(KeyPair.generate(type).publicJwk()))).isFalse();
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void signer_rawSignatureIsJoseFormat(KeyType type) {
    byte[] sig = KeyPair.generate(type).signer().sign("x".getBytes(StandardCharsets.US_ASCII));
    assertThat(sig).hasSize(64);
  }

  @Test
  void jwsSigner_headerAlgMismatch_refused() {
    KeyPair key = KeyPair.generate(KeyType.P256);
    JWSObject jws = new JWSObject(new JWSHeader(KeyType.SECP256K1.jwsAlgorithm()), new Payload("x"));
    assertThatThrownBy(() -> jws.sign(Jws.signer(key.signer()))).hasMessageContaining("ES256K");
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void privateJwk_roundTrips(KeyType type) {
    KeyPair key = KeyPair.generate(type);
    String json = key.privateJwk(SecretAccess.insecure()).toJSONString();
    KeyPair back = KeyPair.parseJwk(json);
    assertThat(back).isEqualTo(key);
    assertThat(back.thumbprint()).isEqualTo(key.thumbprint());
  }

  @Test
  void fromPrivateKeyBytes_ed25519Rfc8032_derivesPublicKey() {
    HexFormat hex = HexFormat.of();
    KeyPair key = KeyPair.fromPrivateKeyBytes(KeyType.ED25519,
        hex.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    assertThat(PublicKeys.toBytes(key.publicJwk()))
        .isEqualTo(hex.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    // RFC 8032 TEST 1: the empty message.
    assertThat(key.signer().sign(new byte[0])).isEqualTo(hex.parseHex(
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"));
  }

  @Test
  void fromPrivateKeyBytes_wrongLengthOrZero_invalidKey() {
    assertThatThrownBy(() -> KeyPair.fromPrivateKeyBytes(KeyType.ED25519, new byte[31]))
        .isInstanceOfSatisfying(KeyException.class, e -> assertThat(e.reason()).isEqualTo(KeyException.Reason.INVALID_KEY))
        .hasMessageContaining("expected 32 bytes, found 31");
    assertThatThrownBy(() -> KeyPair.fromPrivateKeyBytes(KeyType.P256, new byte[32]))
        .isInstanceOfSatisfying(KeyException.class, e -> assertThat(e.reason()).isEqualTo(KeyException.Reason.INVALID_KEY));
    byte[] tooBig = new byte[32];
    java.util.Arrays.fill(tooBig, (byte) 0xff);
    assertThatThrownBy(() -> KeyPair.fromPrivateKeyBytes(KeyType.SECP256K1, tooBig))
        .isInstanceOf(KeyException.class);
  }

  @Test
  void fromJwk_publicOnly_notAPrivateKey() {
    JWK pub = KeyPair.generate(KeyType.P256).publicJwk();
    assertThatThrownBy(() -> KeyPair.fromJwk(pub))
        .isInstanceOfSatisfying(KeyException.class,
            e -> assertThat(e.reason()).isEqualTo(KeyException.Reason.NOT_A_PRIVATE_KEY));
  }

  @Test
  void fromJwk_privateDoesNotMatchPublic_invalidKeyWithoutLeakingD() {
    ECKey a = (ECKey) KeyPair.generate(KeyType.P256).privateJwk(SecretAccess.insecure());
    ECKey b = (ECKey) KeyPair.generate(KeyType.P256).publicJwk();
    ECKey mixed = new ECKey.Builder(b).d(a.getD()).build();
    assertThatThrownBy(() -> KeyPair.fromJwk(mixed))
        .isInstanceOfSatisfying(KeyException.class, e -> {
          assertThat(e.reason()).isEqualTo(KeyException.Reason.INVALID_KEY);
          assertThat(e.getMessage()).doesNotContain(a.getD().toString());
        });
  }

  @Test
  void parseJwk_garbage_invalidKeyWithoutEchoingInput() {
    String secretish = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"d\":\"c2VjcmV0LXNlY3JldA\"";
    assertThatThrownBy(() -> KeyPair.parseJwk(secretish))
        .isInstanceOfSatisfying(KeyException.class, e -> assertThat(e.reason()).isEqualTo(KeyException.Reason.INVALID_KEY))
        .message().doesNotContain("c2VjcmV0LXNlY3JldA");
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void toString_neverShowsPrivateKey(KeyType type) {
    KeyPair key = KeyPair.generate(type);
    String d = d(key);
    String hexD = HexFormat.of().formatHex(key.privateKeyBytes(SecretAccess.insecure()));
    for (String s : new String[] {key.toString(), key.signer().toString(), String.valueOf(key.publicJwk())}) {
      assertThat(s).doesNotContain(d).doesNotContainIgnoringCase(hexD);
    }
    assertThat(key.toString()).contains(key.thumbprint());
  }

  @Test
  void privateJwk_withoutToken_refused() {
    KeyPair key = KeyPair.generate(KeyType.P256);
    assertThatThrownBy(() -> key.privateJwk(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keyType_mapsAlgorithmsAndCurves() {
    assertThat(KeyType.P256.jwsAlgorithm().getName()).isEqualTo("ES256");
    assertThat(KeyType.ED25519.jwsAlgorithm().getName()).isEqualTo("EdDSA");
    assertThat(KeyType.SECP256K1.jwsAlgorithm().getName()).isEqualTo("ES256K");
    assertThat(KeyType.forCurve(KeyType.SECP256K1.curve())).isEqualTo(KeyType.SECP256K1);
    assertThatThrownBy(() -> KeyType.forCurve(com.nimbusds.jose.jwk.Curve.P_384))
        .isInstanceOfSatisfying(KeyException.class,
            e -> assertThat(e.reason()).isEqualTo(KeyException.Reason.UNSUPPORTED_KEY_TYPE));
  }

  static String d(KeyPair key) {
    return Base64URL.encode(key.privateKeyBytes(SecretAccess.insecure())).toString();
  }
}
