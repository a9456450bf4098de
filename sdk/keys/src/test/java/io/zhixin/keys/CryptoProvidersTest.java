package io.zhixin.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CryptoProvidersTest {
  private static final CryptoProviders JDK = CryptoProviders.builder().conscrypt(false).build();

  @Test
  void defaults_es256kServedByBouncyCastle() {
    assertThat(CryptoProviders.defaults().provider(KeyType.SECP256K1).getName()).isEqualTo("BC");
    assertThat(CryptoProviders.defaults().toString()).contains("ES256=", "EdDSA=", "ES256K=BC");
  }

  @Test
  void defaults_preferConscryptWhereItLoads() {
    // Conscrypt ships BoringSSL for this platform, so it must have won ES256 here.
    assertThat(CryptoProviders.defaults().provider(KeyType.P256).getName()).isEqualTo("Conscrypt");
  }

  @Test
  void secureRandom_conscryptsWhereItServesEs256_elseTheJdkDrbg() {
    SecureRandom conscrypt = CryptoProviders.defaults().secureRandom();
    assertThat(conscrypt.getProvider().getName()).isEqualTo("Conscrypt");
    assertThat(conscrypt.getProvider().getService("SecureRandom", conscrypt.getAlgorithm()).getClassName())
        .isEqualTo("org.conscrypt.OpenSSLRandom"); // BoringSSL's RAND_bytes, whatever the algorithm is called
    assertThat(JDK.secureRandom().getAlgorithm()).isEqualTo("DRBG");
    for (SecureRandom random : new SecureRandom[] {conscrypt, JDK.secureRandom()}) {
      byte[] a = new byte[32];
      byte[] b = new byte[32];
      random.nextBytes(a);
      random.nextBytes(b);
      assertThat(a).isNotEqualTo(b).isNotEqualTo(new byte[32]);
    }
  }

  @Test
  void withoutConscrypt_jdkServesEs256AndEdDsa() {
    assertThat(JDK.provider(KeyType.P256).getName()).isEqualTo("SunEC");
    assertThat(JDK.provider(KeyType.ED25519).getName()).isEqualTo("SunEC");
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void signaturesInteroperateAcrossProviders(KeyType type) throws Exception {
    KeyPair key = KeyPair.generate(type, JDK);
    JWSObject a = new JWSObject(new JWSHeader(type.jwsAlgorithm()), new Payload("a"));
    a.sign(Jws.signer(key.signer(JDK)));
    assertThat(a.verify(Jws.verifier(key.publicJwk(), CryptoProviders.defaults()))).isTrue();
    JWSObject b = new JWSObject(new JWSHeader(type.jwsAlgorithm()), new Payload("b"));
    b.sign(Jws.signer(key.signer()));
    assertThat(b.verify(Jws.verifier(key.publicJwk(), JDK))).isTrue();
  }
}
