package io.zhixin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zhixin.keys.EncryptedKeyStore;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VcCommandTest {
  static final String VCT = "https://zhixin.io/vct/identity";
  @TempDir Path dir;
  CliRunner cli;
  String gov;
  String citizen;

  static final String RESIDENCE = """
      {"@context": ["https://www.w3.org/ns/credentials/v2"],
       "type": ["VerifiableCredential", "ResidenceCertificate"],
       "credentialSubject": {"id": "did:example:citizen", "address": "佛山市禅城区"}}""";

  static final String IDENTITY = """
      {"vct": "%s", "name": "张三", "age_over_18": true, "resident_id": "11010519491231002X",
       "address": {"locality": "佛山", "country": "CN"}}""".formatted(VCT);

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRunner(dir);
    gov = cli.did("gov");
    citizen = cli.did("citizen");
  }

  String issue(String file, String... extra) {
    String[] base = {"vc", "issue", file, "--key", "gov"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return cli.ok(cli.withStore(args));
  }

  @Test
  void issue_vcJwt_thenVerify_isValidWithEveryCheck() throws Exception {
    String jwt = issue(cli.file("residence.json", RESIDENCE).toString());
    assertThat(jwt.split("\\.")).hasSize(3);
    Path f = cli.file("residence.jwt", jwt);

    assertThat(cli.run("vc", "verify", f.toString())).as(cli.err).isZero();
    JsonNode r = cli.outJson();
    assertThat(r.get("verified").asBoolean()).isTrue();
    assertThat(r.get("checks").findValuesAsText("check")).contains("signature", "data_model", "issuer_key");
    assertThat(r.at("/credentials/0/issuer").asText()).isEqualTo(gov);
    assertThat(r.at("/credentials/0/claims/credentialSubject/address").asText()).isEqualTo("佛山市禅城区");
    assertThat(r.at("/policy/issuers").asText()).contains("any");
    assertThat(r.get("warnings").findValuesAsText("check")).contains("issuer_not_trusted");

    // Trusting only another issuer makes it invalid (exit 1), still with a full report.
    assertThat(cli.run("vc", "verify", f.toString(), "--trusted-issuer", citizen)).isEqualTo(1);
    assertThat(cli.outJson().get("problemDetails").findValuesAsText("code")).contains("issuer_not_trusted");
  }

  @Test
  void issue_fromStdin_andVerify_fromStdin() throws Exception {
    assertThat(cli.runWithStdin(RESIDENCE, cli.withStore("vc", "issue", "-", "--key", "gov"))).as(cli.err).isZero();
    String jwt = cli.out.trim();
    assertThat(cli.runWithStdin(jwt + "\n", "vc", "verify", "-", "--trusted-issuer", gov)).isZero();
    assertThat(cli.outJson().get("verified").asBoolean()).isTrue();
  }

  @Test
  void sdJwt_issuePresentVerify_disclosesOnlyTheChosenClaims() throws Exception {
    String sdJwt = issue(cli.file("id.json", IDENTITY).toString(), "--format", "sd-jwt",
        "--sd", "name,age_over_18,resident_id,address/locality", "--decoys", "2", "--holder-key", "citizen");
    assertThat(sdJwt).contains("~");
    Path issued = cli.file("id.sdjwt", sdJwt);

    assertThat(cli.ok("vc", "present", issued.toString(), "--list")).contains("name", "age_over_18",
        "address/locality");

    String presentation = cli.ok(cli.withStore("vc", "present", issued.toString(), "--disclose",
        "name,age_over_18", "--aud", "https://bank.example", "--nonce", "n-1", "--key", "citizen"));
    Path p = cli.file("presentation.txt", presentation);

    assertThat(cli.run("vc", "verify", p.toString(), "--aud", "https://bank.example", "--nonce", "n-1",
        "--type", VCT, "--require-claim", "name")).as(cli.out).isZero();
    JsonNode claims = cli.outJson().at("/credentials/0/claims");
    assertThat(claims.get("name").asText()).isEqualTo("张三");
    assertThat(claims.get("age_over_18").asBoolean()).isTrue();
    assertThat(claims.has("resident_id")).isFalse();
    assertThat(claims.at("/address/locality").isMissingNode()).isTrue();

    // Another nonce or audience: invalid, with the reason.
    assertThat(cli.run("vc", "verify", p.toString(), "--aud", "https://bank.example", "--nonce", "n-2")).isEqualTo(1);
    assertThat(cli.outJson().get("problemDetails").findValuesAsText("code")).contains("nonce");
    assertThat(cli.run("vc", "verify", p.toString(), "--aud", "https://other.example", "--nonce", "n-1"))
        .isEqualTo(1);
    assertThat(cli.outJson().get("problemDetails").findValuesAsText("code")).contains("audience");
    // The issued SD-JWT has no key binding: refused when the verifier asks for it.
    assertThat(cli.run("vc", "verify", issued.toString(), "--aud", "https://bank.example", "--nonce", "n-1"))
        .isEqualTo(1);
    assertThat(cli.outJson().get("problemDetails").findValuesAsText("code")).contains("key_binding");
  }

  @Test
  void present_withAKeyThatIsNotTheBoundKey_isAOneLineError() throws Exception {
    String sdJwt = issue(cli.file("id.json", IDENTITY).toString(), "--format", "sd-jwt", "--sd", "name",
        "--holder-key", "citizen");
    Path issued = cli.file("id.sdjwt", sdJwt);
    assertThat(cli.run(cli.withStore("vc", "present", issued.toString(), "--disclose", "name", "--aud", "a",
        "--nonce", "n", "--key", "gov"))).isEqualTo(1);
    cli.assertOneLineError("not the key this credential is bound to");
    assertThat(cli.run(cli.withStore("vc", "present", issued.toString(), "--disclose", "nmae", "--aud", "a",
        "--nonce", "n", "--key", "citizen"))).isEqualTo(1);
    cli.assertOneLineError("nmae");
    assertThat(cli.run(cli.withStore("vc", "present", issued.toString(), "--aud", "a"))).isEqualTo(1);
    cli.assertOneLineError("--key, --aud and --nonce");
  }

  @Test
  void vcJwt_presentedAsVpJwt_verifiesWithTheHolder() throws Exception {
    Path vc = cli.file("residence.jwt", issue(cli.file("residence.json", RESIDENCE).toString()));
    String vp = cli.ok(cli.withStore("vc", "present", vc.toString(), "--key", "citizen", "--aud",
        "https://bank.example", "--nonce", "n-9"));
    Path f = cli.file("vp.jwt", vp);
    assertThat(cli.run("vc", "verify", f.toString(), "--aud", "https://bank.example", "--nonce", "n-9"))
        .as(cli.out).isZero();
    assertThat(cli.outJson().get("holder").asText()).isEqualTo(citizen);
    assertThat(cli.outJson().at("/credentials/0/issuer").asText()).isEqualTo(gov);
  }

  @Test
  void verify_withIssuerKeyFile_rightKeyValid_wrongKeyInvalid() throws Exception {
    Path vc = cli.file("residence.jwt", issue(cli.file("residence.json", RESIDENCE).toString()));
    KeyPair govKey = EncryptedKeyStore.open(cli.keystore, "correct horse battery staple".toCharArray()).get("gov");
    Path right = cli.file("gov.jwk", govKey.publicJwk().toJSONString());
    Path wrong = cli.file("other.jwk", KeyPair.generate(KeyType.P256).publicJwk().toJSONString());
    Path priv = cli.file("private.jwk", "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + govKey.publicJwk().toECKey()
        .getX() + "\",\"y\":\"" + govKey.publicJwk().toECKey().getY() + "\",\"d\":\"AAAA\"}");

    assertThat(cli.run("vc", "verify", vc.toString(), "--issuer-key", right.toString())).isZero();
    assertThat(cli.outJson().at("/policy/issuerKey").asText()).contains("gov.jwk");
    assertThat(cli.run("vc", "verify", vc.toString(), "--issuer-key", wrong.toString())).isEqualTo(1);
    assertThat(cli.outJson().get("problemDetails").findValuesAsText("code")).contains("signature");
    assertThat(cli.run("vc", "verify", vc.toString(), "--issuer-key", priv.toString())).isEqualTo(2);
    cli.assertOneLineError("private");
    assertThat(cli.run("vc", "verify", vc.toString(), "--issuer-key", dir.resolve("none.jwk").toString()))
        .isEqualTo(2);
    cli.assertOneLineError("none.jwk");
  }

  @Test
  void verify_at_judgesValidityAsOfThatMoment() throws Exception {
    String expired = RESIDENCE.replace("\"credentialSubject\"", "\"validFrom\": \"2020-01-01T00:00:00Z\", "
        + "\"validUntil\": \"2021-01-01T00:00:00Z\", \"credentialSubject\"");
    Path vc = cli.file("old.jwt", issue(cli.file("old.json", expired).toString()));
    assertThat(cli.run("vc", "verify", vc.toString())).isEqualTo(1);
    assertThat(cli.outJson().get("problemDetails").findValuesAsText("code")).contains("expired");
    assertThat(cli.run("vc", "verify", vc.toString(), "--at", "2020-06-01T08:00:00+08:00")).as(cli.out).isZero();
    assertThat(cli.outJson().get("verifiedAt").asText()).isEqualTo("2020-06-01T00:00:00Z");
    assertThat(cli.run("vc", "verify", vc.toString(), "--at", "2019-12-31")).isEqualTo(1);
    assertThat(cli.outJson().get("problemDetails").findValuesAsText("code")).contains("not_yet_valid");
  }

  @Test
  void verify_badInput_givesInvalidResultsOrUsageErrors_neverStackTraces() throws Exception {
    Path garbage = cli.file("garbage.txt", "this is not a credential");
    assertThat(cli.run("vc", "verify", garbage.toString())).isEqualTo(1);
    assertThat(cli.outJson().get("verified").asBoolean()).isFalse();
    assertThat(cli.outJson().get("problemDetails").findValuesAsText("code")).contains("malformed");

    Path jsonGarbage = cli.file("garbage.json", "{\"a\": [1, 2, {\"b\": null}]}");
    assertThat(cli.run("vc", "verify", jsonGarbage.toString())).isEqualTo(1);
    assertThat(cli.outJson().get("verified").asBoolean()).isFalse();

    Path big = Files.write(dir.resolve("big.txt"), new byte[VcFiles.MAX_INPUT + 10]);
    assertThat(cli.run("vc", "verify", big.toString())).isEqualTo(1);
    assertThat(cli.outJson().get("problemDetails").findValuesAsText("code")).containsExactly("too_large");

    assertThat(cli.run("vc", "verify", dir.resolve("missing.jwt").toString())).isEqualTo(2);
    cli.assertOneLineError("missing.jwt");
    assertThat(cli.run("vc", "verify", garbage.toString(), "--at", "yesterday")).isEqualTo(2);
    cli.assertOneLineError("--at");
    assertThat(cli.run("vc", "verify", garbage.toString(), "--alg", "HS256")).isEqualTo(2);
    cli.assertOneLineError("HS256");
    assertThat(cli.run("vc", "verify")).isEqualTo(2);
    assertThat(cli.err).contains("Missing required parameter");
    assertThat(cli.run("vc", "verify", garbage.toString(), "--no-such-option")).isEqualTo(2);
  }

  @Test
  void issue_badInput_isOneLineErrorsAndIssuesNothing() throws Exception {
    String[][] cases = {
        {"not json at all", "not valid JSON"},
        {"[1, 2]", "must be a JSON object"},
        {"{\"a\": 1, \"a\": 2}", "Duplicate field"},
        {RESIDENCE.replace("\"credentialSubject\"", "\"issuer\": \"did:web:impostor.example\", \"credentialSubject\""),
            "did:web:impostor.example"},
        {"{\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], \"type\": [\"VerifiableCredential\"]}",
            "invalid credential"},
    };
    for (String[] c : cases) {
      Path f = cli.file("bad.json", c[0]);
      assertThat(cli.run(cli.withStore("vc", "issue", f.toString(), "--key", "gov"))).as(c[0]).isEqualTo(1);
      cli.assertOneLineError(c[1]);
      assertThat(cli.out).isEmpty();
    }
    Path big = Files.write(dir.resolve("big.json"), new byte[VcFiles.MAX_INPUT + 1]);
    assertThat(cli.run(cli.withStore("vc", "issue", big.toString(), "--key", "gov"))).isEqualTo(1);
    cli.assertOneLineError("larger than");

    Path id = cli.file("id.json", IDENTITY);
    assertThat(cli.run(cli.withStore("vc", "issue", id.toString(), "--key", "gov", "--format", "sd-jwt", "--sd",
        "nmae"))).isEqualTo(1);
    cli.assertOneLineError("/nmae");
    assertThat(cli.run(cli.withStore("vc", "issue", id.toString(), "--key", "gov", "--sd", "name"))).isEqualTo(1);
    cli.assertOneLineError("--format sd-jwt");
    assertThat(cli.run(cli.withStore("vc", "issue", cli.file("r.json", RESIDENCE).toString(), "--key", "gov",
        "--format", "sd-jwt"))).isEqualTo(1);
    cli.assertOneLineError("--format vc+jwt");
    assertThat(cli.run(cli.withStore("vc", "issue", id.toString(), "--key", "gov", "--format", "sd-jwt",
        "--holder-key", "nobody"))).isEqualTo(1);
    cli.assertOneLineError("nobody");
    assertThat(cli.run(cli.withStore("vc", "issue", id.toString(), "--key", "nobody", "--format", "sd-jwt")))
        .isEqualTo(1);
    cli.assertOneLineError("nobody");
    assertThat(cli.run(cli.withStore("vc", "issue", id.toString(), "--key", "gov", "--issuer", citizen)))
        .isEqualTo(1);
    cli.assertOneLineError("is not the key of");
    assertThat(cli.run(cli.withStore("vc", "issue", id.toString(), "--key", "gov", "--format", "jwe")))
        .isEqualTo(2);
    Path absent = dir.resolve("absent/keys.jwe");
    assertThat(cli.run("vc", "issue", id.toString(), "--key", "gov", "--keystore", absent.toString(),
        "--password-file", cli.passwordFile.toString())).isEqualTo(1);
    cli.assertOneLineError("no key store at");
    assertThat(absent).doesNotExist();
    Path wrongPassword = cli.file("wrong", "not the password\n");
    assertThat(cli.run("vc", "issue", id.toString(), "--key", "gov", "--keystore", cli.keystore.toString(),
        "--password-file", wrongPassword.toString())).isEqualTo(1);
    cli.assertOneLineError("password");
  }

  @Test
  void verify_withTrustedIssuers_neverConnectsToAnUntrustedDidWebHost() throws Exception {
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      probe.setSoTimeout(300);
      String web = "did:web:127.0.0.1%3A" + probe.getLocalPort();
      Path vc = cli.file("web.jwt", issue(cli.file("residence.json", RESIDENCE).toString(), "--issuer", web));

      assertThat(cli.run("vc", "verify", vc.toString(), "--trusted-issuer", gov)).isEqualTo(1);
      assertThat(cli.outJson().get("problemDetails").findValuesAsText("code")).contains("issuer_key");
      assertThat(accepted(probe)).as("a connection to the untrusted host").isFalse();

      // Without a trust list the DID is resolved, which is what the probe would see.
      CliRunner other = new CliRunner(dir);
      java.util.concurrent.CompletableFuture<Integer> any = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> other.run("vc", "verify", vc.toString()));
      probe.setSoTimeout(20_000);
      assertThat(accepted(probe)).isTrue();
      assertThat(any.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1);
    }
  }

  private static boolean accepted(java.net.ServerSocket s) throws Exception {
    try (java.net.Socket c = s.accept()) {
      return true;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    }
  }

  @Test
  void issue_sdJwtWithExpiry_andDidWebIssuer_usesTheGivenDid() throws Exception {
    Path id = cli.file("id.json", IDENTITY.replace("{\"vct\"", "{\"exp\": 4102444800, \"vct\""));
    String sdJwt = issue(id.toString(), "--format", "sd-jwt", "--sd", "name", "--issuer",
        "did:web:gaj.chancheng.example.gov.cn");
    JsonNode payload = CliRunner.JSON.readTree(java.util.Base64.getUrlDecoder().decode(sdJwt.split("\\.")[1]));
    assertThat(payload.get("iss").asText()).isEqualTo("did:web:gaj.chancheng.example.gov.cn");
    assertThat(payload.get("exp").asLong()).isEqualTo(4102444800L);
    JsonNode header = CliRunner.JSON.readTree(java.util.Base64.getUrlDecoder().decode(sdJwt.split("\\.")[0]));
    assertThat(header.get("kid").asText()).isEqualTo("did:web:gaj.chancheng.example.gov.cn#key-1");
  }
}
