package io.zhixin.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWEObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedKeyStoreTest {
  private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

  @TempDir
  Path dir;

  private static KeyException.Reason reason(Throwable t) {
    return ((KeyException) t).reason();
  }

  @Test
  void createAddListLoad_roundTripsAllKeyTypes() throws Exception {
    Path file = dir.resolve("wallet.jwe");
    KeyPair p256 = KeyPair.generate(KeyType.P256);
    KeyPair ed = KeyPair.generate(KeyType.ED25519);
    KeyPair k1 = KeyPair.generate(KeyType.SECP256K1);
    try (EncryptedKeyStore store = EncryptedKeyStore.create(file, PASSWORD)) {
      store.add("citizen", p256);
      store.add("login", ed);
      store.add("chain", k1);
      assertThat(store.aliases()).containsExactly("citizen", "login", "chain");
    }
    EncryptedKeyStore loaded = EncryptedKeyStore.open(file, PASSWORD);
    assertThat(loaded.aliases()).containsExactly("citizen", "login", "chain");
    assertThat(loaded.get("citizen")).isEqualTo(p256);
    assertThat(loaded.get("login")).isEqualTo(ed);
    assertThat(loaded.get("chain")).isEqualTo(k1);

    // A standard JOSE file: PBES2 with a strong iteration count; nothing readable inside.
    String content = Files.readString(file);
    JWEObject jwe = JWEObject.parse(content);
    assertThat(jwe.getHeader().getAlgorithm().getName()).isEqualTo("PBES2-HS512+A256KW");
    assertThat(jwe.getHeader().getPBES2Count()).isGreaterThanOrEqualTo(210_000);
    assertThat(content).doesNotContain("citizen").doesNotContain(KeyPairTest.d(p256));
    assertThat(loaded.toString()).contains("citizen").doesNotContain(KeyPairTest.d(p256));
  }

  @Test
  void open_wrongPassword_typedError() {
    Path file = dir.resolve("ks");
    EncryptedKeyStore.create(file, PASSWORD).add("a", KeyPair.generate(KeyType.P256));
    assertThatThrownBy(() -> EncryptedKeyStore.open(file, "wrong".toCharArray()))
        .isInstanceOf(KeyException.class)
        .satisfies(e -> assertThat(reason(e)).isEqualTo(KeyException.Reason.WRONG_PASSWORD));
  }

  @Test
  void open_garbageOrOtherJwe_corrupt() throws Exception {
    Path file = dir.resolve("ks");
    Files.writeString(file, "not a jwe at all");
    assertThatThrownBy(() -> EncryptedKeyStore.open(file, PASSWORD))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(KeyException.Reason.KEY_STORE_CORRUPT));
    assertThatThrownBy(() -> EncryptedKeyStore.open(dir.resolve("missing"), PASSWORD))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(KeyException.Reason.IO_ERROR));
  }

  @Test
  void open_tamperedCiphertext_refused() throws Exception {
    Path file = dir.resolve("ks");
    EncryptedKeyStore.create(file, PASSWORD).add("a", KeyPair.generate(KeyType.P256));
    String[] parts = Files.readString(file).split("\\.");
    char[] ct = parts[3].toCharArray();
    ct[5] = ct[5] == 'A' ? 'B' : 'A';
    parts[3] = new String(ct);
    Files.writeString(file, String.join(".", parts));
    assertThatThrownBy(() -> EncryptedKeyStore.open(file, PASSWORD))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(KeyException.Reason.WRONG_PASSWORD));
  }

  @Test
  void create_existingFile_refusedAndUntouched() throws Exception {
    Path file = dir.resolve("ks");
    Files.writeString(file, "keep me");
    assertThatThrownBy(() -> EncryptedKeyStore.create(file, PASSWORD))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(KeyException.Reason.KEY_STORE_EXISTS));
    assertThat(Files.readString(file)).isEqualTo("keep me");
  }

  @Test
  void add_duplicateAliasOrMissingAlias_typedErrors() {
    EncryptedKeyStore store = EncryptedKeyStore.create(dir.resolve("ks"), PASSWORD);
    store.add("a", KeyPair.generate(KeyType.P256));
    assertThatThrownBy(() -> store.add("a", KeyPair.generate(KeyType.P256)))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(KeyException.Reason.ALIAS_EXISTS));
    assertThatThrownBy(() -> store.get("b"))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(KeyException.Reason.ALIAS_NOT_FOUND));
    assertThatThrownBy(() -> store.add("bad alias!", KeyPair.generate(KeyType.P256)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writes_areAtomicOwnerOnlyAndLeaveNoTemporaryFiles() throws Exception {
    Path file = dir.resolve("ks");
    EncryptedKeyStore store = EncryptedKeyStore.create(file, PASSWORD);
    store.add("a", KeyPair.generate(KeyType.P256));
    String before = Files.readString(file);
    store.remove("a");
    assertThat(Files.readString(file)).isNotEqualTo(before);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void failedWrite_leavesPreviousStoreIntact() throws Exception {
    Path file = dir.resolve("ks");
    EncryptedKeyStore store = EncryptedKeyStore.create(file, PASSWORD);
    store.add("a", KeyPair.generate(KeyType.P256));
    byte[] before = Files.readAllBytes(file);
    // Make the final rename impossible: the target becomes a non-empty directory.
    Files.move(file, dir.resolve("saved"));
    Files.createDirectories(file.resolve("blocker"));
    assertThatThrownBy(() -> store.add("b", KeyPair.generate(KeyType.P256)))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(KeyException.Reason.IO_ERROR));
    assertThat(store.aliases()).containsExactly("a");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ks", "saved");
    }
    assertThat(Files.readAllBytes(dir.resolve("saved"))).isEqualTo(before);
    assertThat(new String(before, StandardCharsets.US_ASCII)).isNotEmpty();
  }

  @Test
  void close_wipesPasswordAndBlocksWrites() {
    EncryptedKeyStore store = EncryptedKeyStore.create(dir.resolve("ks"), PASSWORD);
    store.close();
    assertThatThrownBy(() -> store.add("a", KeyPair.generate(KeyType.P256))).isInstanceOf(IllegalStateException.class);
  }
}
