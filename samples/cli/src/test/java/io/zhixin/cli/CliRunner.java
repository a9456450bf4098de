package io.zhixin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the CLI in-process with a key store in a temporary folder; shared by the vc and serve tests. */
final class CliRunner {
  static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;
  final Path keystore;
  final Path passwordFile;
  String out = "";
  String err = "";

  CliRunner(Path dir) throws Exception {
    this.dir = dir;
    this.keystore = dir.resolve("keys.jwe");
    this.passwordFile = Files.writeString(dir.resolve("password"), "correct horse battery staple\n");
  }

  /** Runs {@code args}; {@code --keystore} and {@code --password-file} are added to commands that take them. */
  int run(String... args) {
    return runWithStdin(null, args);
  }

  int runWithStdin(String stdin, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CommandLine cli = Zhixin.commandLine();
    cli.setOut(new PrintWriter(o));
    cli.setErr(new PrintWriter(e));
    InputStream saved = System.in;
    if (stdin != null) {
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return cli.execute(args);
    } finally {
      System.setIn(saved);
      out = o.toString();
      err = e.toString();
    }
  }

  /** {@code args} followed by the key store options. */
  String[] withStore(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--keystore", keystore.toString(), "--password-file", passwordFile.toString()));
    return all.toArray(String[]::new);
  }

  /** Runs a command that must succeed and returns its trimmed stdout. */
  String ok(String... args) {
    int exit = run(args);
    assertThat(exit).as("exit of %s; stderr: %s", List.of(args), err).isZero();
    return out.trim();
  }

  /** Creates a did:key with its key under {@code alias}. */
  String did(String alias) {
    return ok(withStore("did", "create", "--method", "key", "--alias", alias));
  }

  Path file(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  JsonNode outJson() throws Exception {
    return JSON.readTree(out);
  }

  /** A user-facing error: exactly one line, no stack trace. */
  void assertOneLineError(String contains) {
    assertThat(err.strip().lines().count()).as(err).isEqualTo(1);
    assertThat(err).startsWith("zhixin: ").contains(contains).doesNotContain("\tat ").doesNotContain("Exception");
  }
}
