package io.zhixin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VcStatusCommandTest {
  static final String REVOCATION_URL = "https://gaj.chancheng.example.gov.cn/status/1";
  static final String SUSPENSION_URL = "https://gaj.chancheng.example.gov.cn/status/2";
  @TempDir Path dir;
  CliRunner cli;
  String gov;
  Path lists;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRunner(dir);
    gov = cli.did("gov");
    lists = dir.resolve("status/lists.json");
    cli.ok("vc", "status", "create", "--file", lists.toString(), "--issuer", gov, "--url", REVOCATION_URL,
        "--suspension-url", SUSPENSION_URL);
  }

  Path issue(String name) throws Exception {
    Path f = cli.file(name + ".json", VcCommandTest.RESIDENCE);
    return cli.file(name + ".jwt", cli.ok(cli.withStore("vc", "issue", f.toString(), "--key", "gov",
        "--status-list", lists.toString())));
  }

  Path publish(String purpose) {
    Path out = dir.resolve("published-" + purpose + ".jwt");
    cli.ok(cli.withStore("vc", "status", "publish", "--file", lists.toString(), "--purpose", purpose, "--key", "gov",
        "--out", out.toString()));
    return out;
  }

  int verify(Path credential) {
    return cli.run("vc", "verify", credential.toString(), "--status-list-credential",
        publish("revocation").toString(), "--status-list-credential", publish("suspension").toString());
  }

  @Test
  void revoke_thenPublish_makesTheCredentialInvalid_andOthersStayValid() throws Exception {
    Path a = issue("a");
    Path b = issue("b");
    assertThat(verify(a)).as(cli.out).isZero();
    assertThat(cli.outJson().get("checks").findValuesAsText("check")).contains("revoked", "suspended");

    assertThat(cli.ok("vc", "status", "revoke", "--file", lists.toString(), a.toString())).startsWith("revoked: index");
    assertThat(verify(a)).isEqualTo(1);
    assertThat(cli.outJson().get("problemDetails").findValuesAsText("code")).containsExactly("revoked");
    assertThat(verify(b)).isZero();

    // Idempotent, and revocation is permanent: there is no way back.
    assertThat(cli.ok("vc", "status", "revoke", "--file", lists.toString(), a.toString())).startsWith("already");
  }

  @Test
  void suspend_andReinstate_roundTrip() throws Exception {
    Path a = issue("a");
    cli.ok("vc", "status", "suspend", "--file", lists.toString(), a.toString());
    assertThat(verify(a)).isEqualTo(1);
    assertThat(cli.outJson().get("problemDetails").findValuesAsText("code")).containsExactly("suspended");
    cli.ok("vc", "status", "reinstate", "--file", lists.toString(), a.toString());
    assertThat(verify(a)).isZero();
  }

  @Test
  void sdJwt_withStatus_isRevokedByIndex() throws Exception {
    Path claims = cli.file("id.json", VcCommandTest.IDENTITY);
    Path sd = cli.file("id.sdjwt", cli.ok(cli.withStore("vc", "issue", claims.toString(), "--key", "gov",
        "--format", "sd-jwt", "--sd", "name", "--status-list", lists.toString())));
    String payload = new String(java.util.Base64.getUrlDecoder().decode(Files.readString(sd).split("\\.")[1]),
        java.nio.charset.StandardCharsets.UTF_8);
    long index = CliRunner.JSON.readTree(payload).at("/status/bitstring_status_list").findValuesAsText(
        "statusListIndex").stream().mapToLong(Long::parseLong).findFirst().orElseThrow();
    assertThat(verify(sd)).as(cli.out).isZero();
    cli.ok("vc", "status", "revoke", "--file", lists.toString(), "--index", Long.toString(index));
    assertThat(verify(sd)).isEqualTo(1);
    assertThat(cli.outJson().get("problemDetails").findValuesAsText("code")).containsExactly("revoked");
  }

  @Test
  void badRequests_areOneLineErrors_andLeaveTheFileUnchanged() throws Exception {
    issue("a");
    byte[] before = Files.readAllBytes(lists);

    assertThat(cli.run("vc", "status", "revoke", "--file", lists.toString(), "--index", "7")).isEqualTo(1);
    cli.assertOneLineError("never allocated");
    assertThat(cli.run("vc", "status", "revoke", "--file", lists.toString(), "--index", "-3")).isEqualTo(1);
    cli.assertOneLineError("never allocated");
    Path unrelated = cli.file("unrelated.jwt", "a.b.c");
    assertThat(cli.run("vc", "status", "revoke", "--file", lists.toString(), unrelated.toString())).isEqualTo(1);
    cli.assertOneLineError("not a vc+jwt");
    assertThat(cli.run("vc", "status", "create", "--file", lists.toString(), "--issuer", gov, "--url",
        REVOCATION_URL)).isEqualTo(1);
    cli.assertOneLineError("already exists");
    assertThat(Files.readAllBytes(lists)).isEqualTo(before);

    Path corrupt = cli.file("corrupt.json", "{\"format\": \"zhixin-status-lists/1\", \"issuer\": \"did:x:y\", "
        + "\"lists\": {\"revocation\": {\"url\": \"" + REVOCATION_URL + "\", \"size\": 131072, "
        + "\"encodedList\": \"not-multibase\", \"allocated\": \"u\"}}}");
    assertThat(cli.run("vc", "status", "revoke", "--file", corrupt.toString(), "--index", "1")).isEqualTo(1);
    cli.assertOneLineError("multibase");
    assertThat(cli.run("vc", "status", "revoke", "--file", dir.resolve("none.json").toString(), "--index", "1"))
        .isEqualTo(1);
    cli.assertOneLineError("vc status create");

    // A status list of another issuer is not used for this issuer's credentials.
    String other = cli.did("other");
    Path foreign = dir.resolve("foreign.json");
    cli.ok("vc", "status", "create", "--file", foreign.toString(), "--issuer", other, "--url", REVOCATION_URL);
    assertThat(cli.run(cli.withStore("vc", "issue", cli.file("c.json", VcCommandTest.RESIDENCE).toString(), "--key",
        "gov", "--status-list", foreign.toString()))).isEqualTo(1);
    cli.assertOneLineError("belongs to");
    assertThat(cli.run(cli.withStore("vc", "status", "publish", "--file", foreign.toString(), "--key", "gov")))
        .isEqualTo(1);
    cli.assertOneLineError("belongs to");
    assertThat(cli.run("vc", "status", "create", "--file", dir.resolve("x.json").toString(), "--issuer", gov,
        "--url", "not a url")).isEqualTo(1);
    assertThat(cli.err).doesNotContain("\tat ");
    assertThat(cli.run("vc", "status", "create", "--file", dir.resolve("y.json").toString(), "--issuer", gov,
        "--url", REVOCATION_URL, "--size", "1000")).isEqualTo(1);
    cli.assertOneLineError("--size");
  }

  @Test
  void theListFile_leavesNoTemporaryFilesBehind() throws Exception {
    issue("a");
    issue("b");
    try (var files = Files.list(lists.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("lists.json",
          "lists.json.lock");
    }
  }
}
