package io.zhixin.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignatureVerifierTest {

  private static final byte[] MESSAGE = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJkaWQ6ZXhhbXBsZTpnYWoifQ"
      .getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void verifiesOwnSignatures_onEveryProviderChoice(KeyType type) {
    for (CryptoProviders providers : List.of(CryptoProviders.defaults(),
        CryptoProviders.builder().conscrypt(false).build())) {
      KeyPair key = KeyPair.generate(type, providers);
      byte[] sig = key.signer(providers).sign(MESSAGE);
      SignatureVerifier v = SignatureVerifier.of(key.publicJwk(), providers);
      assertThat(v.keyType()).isEqualTo(type);
      assertThat(v.verify(MESSAGE, sig)).isTrue();
      // and across providers: a Conscrypt signature verifies on the JDK and the other way round
      assertThat(SignatureVerifier.of(key.publicJwk(), CryptoProviders.defaults()).verify(MESSAGE, sig)).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void refusesWrongMessageKeyOrShape_withoutThrowing(KeyType type) {
    KeyPair key = KeyPair.generate(type);
    byte[] sig = key.signer().sign(MESSAGE);
    SignatureVerifier v = SignatureVerifier.of(key.publicJwk(), CryptoProviders.defaults());

    byte[] tampered = sig.clone();
    tampered[10] ^= 1;
    byte[] otherMessage = MESSAGE.clone();
    otherMessage[0] ^= 1;
    assertThat(v.verify(MESSAGE, tampered)).isFalse();
    assertThat(v.verify(otherMessage, sig)).isFalse();
    assertThat(SignatureVerifier.of(KeyPair.generate(type).publicJwk(), CryptoProviders.defaults())
        .verify(MESSAGE, sig)).isFalse();
    assertThat(v.verify(MESSAGE, Arrays.copyOf(sig, 63))).isFalse();
    assertThat(v.verify(MESSAGE, Arrays.copyOf(sig, 65))).isFalse();
    assertThat(v.verify(MESSAGE, new byte[0])).isFalse();
    assertThat(v.verify(MESSAGE, null)).isFalse();
    assertThat(v.verify(null, sig)).isFalse();
    assertThat(v.verify(MESSAGE, new byte[64])).isFalse();
  }

  @Test
  void ecdsa_zeroRorS_refused() {
    // R = 0 or S = 0 is never valid; some JDKs once accepted it for any message (CVE-2022-21449).
    KeyPair key = KeyPair.generate(KeyType.P256);
    byte[] sig = key.signer().sign(MESSAGE);
    byte[] zeroR = sig.clone();
    Arrays.fill(zeroR, 0, 32, (byte) 0);
    byte[] zeroS = sig.clone();
    Arrays.fill(zeroS, 32, 64, (byte) 0);
    SignatureVerifier v = SignatureVerifier.of(key.publicJwk(), CryptoProviders.defaults());
    assertThat(v.verify(MESSAGE, zeroR)).isFalse();
    assertThat(v.verify(MESSAGE, zeroS)).isFalse();
  }

  @Test
  void signRange_signsExactlyThoseBytes_forEveryKeyType() {
    byte[] buffer = new byte[MESSAGE.length + 10];
    System.arraycopy(MESSAGE, 0, buffer, 7, MESSAGE.length);
    for (KeyType type : KeyType.values()) {
      KeyPair key = KeyPair.generate(type);
      SignatureVerifier v = SignatureVerifier.of(key.publicJwk(), CryptoProviders.defaults());
      assertThat(v.verify(MESSAGE, key.signer().sign(buffer, 7, MESSAGE.length))).as(type.name()).isTrue();
      assertThat(v.verify(MESSAGE, key.signer().sign(buffer, 6, MESSAGE.length))).as(type.name()).isFalse();
      byte[] sig = key.signer().sign(MESSAGE);
      assertThat(v.verify(buffer, 7, MESSAGE.length, sig)).as(type.name()).isTrue();
      assertThat(v.verify(buffer, 8, MESSAGE.length, sig)).as(type.name()).isFalse();
      assertThat(v.verify(buffer, 7, MESSAGE.length + 4, sig)).as("range past the end").isFalse();
      assertThat(v.verify(buffer, -1, 3, sig)).as("negative offset").isFalse();
    }
  }

  @Test
  void signRange_outsideTheBuffer_refused() {
    Signer signer = KeyPair.generate(KeyType.P256).signer();
    assertThatThrownBy(() -> signer.sign(new byte[8], 4, 5)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> signer.sign(new byte[8], -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void privateOrForeignKeys_refusedAtCreation() {
    KeyPair key = KeyPair.generate(KeyType.P256);
    assertThatThrownBy(() -> SignatureVerifier.of(key.privateJwk(SecretAccess.insecure()), CryptoProviders.defaults()))
        .isInstanceOf(KeyException.class)
        .satisfies(e -> assertThat(((KeyException) e).reason()).isEqualTo(KeyException.Reason.INVALID_KEY));
  }

  @Test
  void oneVerifier_manyThreads() throws Exception {
    KeyPair key = KeyPair.generate(KeyType.P256);
    byte[] sig = key.signer().sign(MESSAGE);
    byte[] bad = sig.clone();
    bad[5] ^= 1;
    SignatureVerifier v = SignatureVerifier.of(key.publicJwk(), CryptoProviders.defaults());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        boolean good = i % 2 == 0;
        results.add(pool.submit(() -> v.verify(MESSAGE, good ? sig : bad) == good));
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
