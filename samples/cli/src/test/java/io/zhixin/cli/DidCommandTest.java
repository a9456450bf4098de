package io.zhixin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zhixin.keys.EncryptedKeyStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DidCommandTest {
  @TempDir Path dir;
  private Path keystore;
  private Path passwordFile;
  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void setUp() throws Exception {
    keystore = dir.resolve("keys.jwe");
    passwordFile = Files.writeString(dir.resolve("password"), "correct horse battery staple\n");
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cli = Zhixin.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private String create(String... extra) {
    String[] base = {"did", "create", "--keystore", keystore.toString(), "--password-file", passwordFile.toString()};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    assertThat(run(args)).as(err.toString()).isZero();
    return out.toString().trim();
  }

  @Test
  void createsADidKeyStoresItsKeyAndResolvesIt() {
    String did = create("--method", "key", "--key-type", "ed25519", "--alias", "citizen");
    assertThat(did).startsWith("did:key:z6Mk");
    assertThat(EncryptedKeyStore.open(keystore, "correct horse battery staple".toCharArray()).aliases()).containsExactly("citizen");

    assertThat(run("did", "resolve", did)).isZero();
    assertThat(out.toString()).contains("\"id\" : \"" + did + "\"").contains("assertionMethod");
  }

  @Test
  void createsDidJwkDidWebAndDidEthr() {
    assertThat(create("--method", "jwk")).startsWith("did:jwk:");
    String web = create("--method", "web", "--web-host", "chancheng.example.gov.cn", "--web-path", "psb",
        "--web-root", dir.resolve("www").toString());
    assertThat(web).isEqualTo("did:web:chancheng.example.gov.cn:psb");
    assertThat(dir.resolve("www/psb/did.json")).exists();
    assertThat(create("--method", "ethr")).matches("did:ethr:0x7a69:0x[0-9a-fA-F]{40}");
  }

  @Test
  void refusesAnAliasThatIsTaken() {
    create("--method", "key", "--alias", "dept");
    int exit = run("did", "create", "--method", "key", "--alias", "dept",
        "--keystore", keystore.toString(), "--password-file", passwordFile.toString());
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("already has a key named 'dept'");
  }

  @Test
  void aWrongPasswordIsOneLineAndChangesNothing() throws Exception {
    create("--method", "key", "--alias", "a");
    byte[] before = Files.readAllBytes(keystore);
    Path wrong = Files.writeString(dir.resolve("wrong"), "not the password\n");
    int exit = run("did", "create", "--method", "key", "--keystore", keystore.toString(), "--password-file", wrong.toString());
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(Files.readAllBytes(keystore)).isEqualTo(before);
  }

  @Test
  void unresolvableDidsExitOneWithATypedError() {
    assertThat(run("did", "resolve", "did:key:zNotBase58!")).isEqualTo(DidCommand.EXIT_NOT_RESOLVED);
    assertThat(err.toString()).startsWith("zhixin: invalidDid");
    assertThat(out.toString()).isEmpty();

    assertThat(run("did", "resolve", "did:example:123")).isEqualTo(DidCommand.EXIT_NOT_RESOLVED);
    assertThat(err.toString()).startsWith("zhixin: methodNotSupported");
  }

  @Test
  void ethrNeedsASecp256k1Key() {
    int exit = run("did", "create", "--method", "ethr", "--key-type", "p256",
        "--keystore", keystore.toString(), "--password-file", passwordFile.toString());
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("secp256k1");
    assertThat(keystore).doesNotExist();
  }
}
