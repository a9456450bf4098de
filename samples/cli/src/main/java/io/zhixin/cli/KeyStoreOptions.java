package io.zhixin.cli;

import io.zhixin.keys.EncryptedKeyStore;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    if (passwordFile != null) {
      try {
        String first = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        if (first.isEmpty()) {
          throw new CliException("the password file " + passwordFile + " is empty");
        }
        return first.toCharArray();
      } catch (IOException e) {
        throw new CliException("cannot read the password file " + passwordFile + ": " + e.getMessage());
      }
    }
    String env = System.getenv(PASSWORD_ENV);
    if (env != null && !env.isEmpty()) {
      return env.toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      throw new CliException("no key store password: use --password-file or set " + PASSWORD_ENV);
    }
    char[] typed = console.readPassword("Key store password for %s: ", file());
    if (typed == null || typed.length == 0) {
      throw new CliException("no key store password given");
    }
    return typed;
  }
}
