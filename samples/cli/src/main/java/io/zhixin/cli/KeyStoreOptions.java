package io.zhixin.cli;

import io.zhixin.keys.EncryptedKeyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the encrypted key store is and how to unlock it: {@code --password-file}, else
 * {@code ZHIXIN_KEYSTORE_PASSWORD}, else a prompt on the terminal. Passwords are never options
 * themselves, so they stay out of shell history and process lists.
 */
final class KeyStoreOptions {
  static final String PASSWORD_ENV = "ZHIXIN_KEYSTORE_PASSWORD";

  @Option(names = "--keystore", paramLabel = "FILE",
      description = "Encrypted key store (default: ~/.zhixin/keystore.jwe, or $ZHIXIN_HOME/keystore.jwe).")
  Path file;

  @Option(names = "--password-file", paramLabel = "FILE",
      description = "File whose first line is the key store password (default: $" + PASSWORD_ENV + ", else a prompt).")
  Path passwordFile;

  Path file() {
    if (file != null) {
      return file;
    }
    String home = System.getenv("ZHIXIN_HOME");
    Path dir = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".zhixin");
    return dir.resolve("keystore.jwe");
  }

  /** Opens the store, creating it (and its folder) on first use. */
  EncryptedKeyStore openOrCreate() {
    Path path = file();
    char[] password = password();
    if (Files.exists(path)) {
      return EncryptedKeyStore.open(path, password);
    }
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new CliException("cannot create the key store folder for " + path + ": " + e.getMessage());
    }
    return EncryptedKeyStore.create(path, password);
  }

  private char[] password() {
    return Passwords.read(passwordFile, PASSWORD_ENV, "key store", file());
  }
}
