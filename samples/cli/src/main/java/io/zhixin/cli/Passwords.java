package io.zhixin.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a password from a file's first line, else an environment variable, else a prompt on the
 * terminal. Never from an option, so passwords stay out of shell history and process lists.
 */
final class Passwords {
  private Passwords() {}

  /**
   * @param what what the password unlocks, for messages ("key store", "wallet")
   * @param location the file or folder it unlocks, shown in the prompt
   */
  static char[] read(Path passwordFile, String environmentVariable, String what, Path location) {
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
    String env = System.getenv(environmentVariable);
    if (env != null && !env.isEmpty()) {
      return env.toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      throw new CliException("no " + what + " password: use --password-file or set " + environmentVariable);
    }
    char[] typed = console.readPassword("%s password for %s: ", what.substring(0, 1).toUpperCase() + what.substring(1), location);
    if (typed == null || typed.length == 0) {
      throw new CliException("no " + what + " password given");
    }
    return typed;
  }
}
