package io.zhixin.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the module logs: one provider line, and never key material, even on failures. */
class LoggingTest {

  @Test
  void providerChoice_loggedAsOneLine_withoutKeyMaterial(@TempDir Path dir) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    KeyPair key = KeyPair.generate(KeyType.SECP256K1);
    // slf4j-simple writes to the current System.err, so redirecting it captures the module's log output.
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      CryptoProviders providers = CryptoProviders.builder().build();
      key.signer(providers).sign(new byte[] {1, 2, 3});
      EncryptedKeyStore store = EncryptedKeyStore.create(dir.resolve("ks"), "pw".toCharArray());
      store.add("k", key);
      try {
        EncryptedKeyStore.open(dir.resolve("ks"), "wrong".toCharArray());
      } catch (KeyException expected) {
        // the failure path must not log secrets either
      }
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).containsOnlyOnce("Zhixin JCA providers: ES256=");
    assertThat(log).doesNotContain(KeyPairTest.d(key)).doesNotContain("\"d\"");
  }
}
