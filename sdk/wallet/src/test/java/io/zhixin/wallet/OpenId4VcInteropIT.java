package io.zhixin.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.sun.net.httpserver.HttpServer;
import io.zhixin.credentials.DidIssuerKeys;
import io.zhixin.credentials.VerificationResult;
import io.zhixin.credentials.Verifier;
import io.zhixin.credentials.sdjwt.SdObject;
import io.zhixin.did.Did;
import io.zhixin.did.DidResolver;
import io.zhixin.did.jwk.DidJwk;
import io.zhixin.did.key.DidKey;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import io.zhixin.oid4vci.CredentialConfiguration;
import io.zhixin.oid4vci.CredentialData;
import io.zhixin.oid4vci.CredentialIssuerService;
import io.zhixin.oid4vci.CredentialOffer;
import io.zhixin.oid4vp.CredentialQuery;
import io.zhixin.oid4vp.DcqlQuery;
import io.zhixin.oid4vp.PresentationResult;
import io.zhixin.oid4vp.PresentationSession;
import io.zhixin.oid4vp.VerifierService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with the {@code @openid4vc/*} 0.4.6 npm packages over loopback HTTP: as a wallet
 * ({@code conformance-tests/interop-openid4vc/wallet.mjs}) against our OpenID4VCI issuer and OpenID4VP verifier,
 * and as a verifier ({@code verifier.mjs}) and an issuer ({@code issuer.mjs}) against our wallet. {@code npm ci} runs the first time.
 */
class OpenId4VcInteropIT {
  static final String VCT = "https://example.test/vct/identity";
  static final ObjectMapper JSON = new ObjectMapper();
  static final DidResolver DIDS = DidResolver.builder().method(DidKey.method()).method(DidJwk.method()).build();

  @TempDir
  Path tmp;
  final KeyPair govKey = KeyPair.generate(KeyType.P256);
  final Did govDid = DidKey.create(govKey.publicJwk());
  final KeyPair bankKey = KeyPair.generate(KeyType.P256);
  final Did bankDid = DidJwk.create(bankKey.publicJwk());
  HttpServer server;
  ExecutorService executor;
  CredentialIssuerService gov;
  VerifierService bank;
  VerifierService devBank;

  static Path dir() {
    String d = System.getProperty("zhixin.interop.openid4vc.dir");
    if (d == null) {
      throw new IllegalStateException("system property zhixin.interop.openid4vc.dir is not set (run through Maven)");
    }
    return Path.of(d);
  }

  @BeforeAll
  static void npmCi() throws Exception {
    if (!Files.isDirectory(dir().resolve("node_modules/@openid4vc/openid4vp"))) {
      run(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), 300);
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    gov = CredentialIssuerService.builder().issuerUrl(base + "/gov")
        .signer(govKey.signer(), govDid.toString(), DidKey.verificationMethodId(govDid))
        .configuration(CredentialConfiguration.sdJwt("identity", VCT).displayName("身份凭证").build())
        .configuration(CredentialConfiguration.vcJwt("employment", "EmploymentCredential").build()).build();
    gov.mount(server, "/gov");
    bank = VerifierService.builder().baseUrl(base + "/bank")
        .requestSigner(bankKey.signer(), bankDid.toString(), DidJwk.verificationMethodId(bankDid))
        .verifier(this::policy).build();
    bank.mount(server, "/bank");
    devBank = VerifierService.builder().baseUrl(base + "/dev").unsignedRequests().verifier(this::policy).build();
    devBank.mount(server, "/dev");
    server.start();
  }

  Verifier policy(String clientId) {
    return Verifier.builder().issuerKeys(DidIssuerKeys.of(DIDS)).trustedIssuers(govDid.toString()).acceptedTypes(VCT)
        .audience(clientId).noncePerRequest().ignoreStatus().build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.stop(0);
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }

  CredentialOffer offer() {
    return gov.newOffer().credential("identity", CredentialData.sdJwt(SdObject.builder().disclosable("name", "张三")
        .disclosable("age_over_18", true).disclosable("resident_id", "11010519491231002X").build()))
        .txCode("482913").create();
  }

  /** Receives a credential with the npm wallet and saves its state (credential, key) for presenting. */
  Path receive() throws Exception {
    JsonNode r = node("receive", offer().byReferenceUri(), "482913");
    assertThat(r.has("error")).as(r.toString()).isFalse();
    Path state = tmp.resolve("state.json");
    Files.writeString(state, r.toString());
    return state;
  }

  @Test
  void npmWallet_receivesSdJwtVc_boundToItsKey() throws Exception {
    JsonNode r = node("receive", offer().byReferenceUri(), "482913");
    assertThat(r.has("error")).as(r.toString()).isFalse();
    String credential = r.path("credential").asText();
    VerificationResult v = Verifier.builder().issuerKeys(DidIssuerKeys.of(DIDS)).trustedIssuers(govDid.toString())
        .acceptedTypes(VCT).ignoreAudience().ignoreNonce().ignoreStatus().allowMissingKeyBinding()
        .acceptedAlgorithms(JWSAlgorithm.ES256).build().verify(credential);
    assertThat(v.isVerified()).as(v.toString()).isTrue();
    JWK holder = JWK.parse(r.path("holderJwk").toString());
    assertThat(v.orElseThrow().credential().holderKey().orElseThrow().toPublicJWK()).isEqualTo(holder.toPublicJWK());
  }

  @Test
  void npmWallet_receivesW3cVcJwt_withItsDidJwkAsSubject() throws Exception {
    CredentialOffer o = gov.newOffer().credential("employment", CredentialData.vcJwt(java.util.Map.of("employer",
        "佛山银行"))).withoutTxCode().create();
    JsonNode r = node("receive", o.byValueUri(), "");
    assertThat(r.has("error")).as(r.toString()).isFalse();
    VerificationResult v = Verifier.builder().issuerKeys(DidIssuerKeys.of(DIDS)).trustedIssuers(govDid.toString())
        .acceptedTypes("EmploymentCredential").ignoreAudience().ignoreNonce().ignoreStatus().build()
        .verify(r.path("credential").asText());
    assertThat(v.isVerified()).as(v.toString()).isTrue();
    String holderDid = DidJwk.create(JWK.parse(r.path("holderJwk").toString())).toString();
    assertThat(v.orElseThrow().credential().claim("credentialSubject/id")).hasValue(holderDid);
  }

  @Test
  void npmWallet_wrongTxCode_getsInvalidGrant() throws Exception {
    JsonNode r = node("receive", offer().byReferenceUri(), "000000");
    assertThat(r.path("error").asText() + r.path("details")).contains("invalid_grant");
  }

  @Test
  void npmWallet_presentsToSignedDidRequest_verified() throws Exception {
    Path state = receive();
    PresentationSession s = bank.request(DcqlQuery.builder().credential(CredentialQuery.sdJwt("identity").vct(VCT)
        .claim("name").claim("age_over_18").build()).build(), "开户身份核验 identity check");
    JsonNode r = node("present", s.requestUri(), state.toString(), "name,age_over_18");
    assertThat(r.path("status").asInt()).as(r.toString()).isEqualTo(200);
    assertThat(r.path("clientPrefix").asText()).isEqualTo("decentralized_identifier");
    assertThat(r.path("signedBy").asText()).isEqualTo("did");
    assertThat(r.path("purpose").asText()).isEqualTo("开户身份核验 identity check");
    PresentationResult res = bank.result(s.transactionId());
    assertThat(res.isVerified()).as(res.toString()).isTrue();
    assertThat(res.claims("identity")).containsEntry("name", "张三").containsEntry("age_over_18", true)
        .doesNotContainKey("resident_id");
  }

  @Test
  void npmWallet_presentsToUnsignedRedirectUriRequest_verified() throws Exception {
    Path state = receive();
    PresentationSession s = devBank.request(DcqlQuery.builder().credential(CredentialQuery.sdJwt("identity").vct(VCT)
        .claim("name").build()).build(), "log in");
    JsonNode r = node("present", s.requestUri(), state.toString(), "name");
    assertThat(r.path("status").asInt()).as(r.toString()).isEqualTo(200);
    assertThat(r.path("clientPrefix").asText()).isEqualTo("redirect_uri");
    assertThat(devBank.result(s.transactionId()).isVerified()).isTrue();
  }

  @Test
  void npmWallet_disclosingMoreThanAsked_rejected() throws Exception {
    Path state = receive();
    PresentationSession s = bank.request(DcqlQuery.builder().credential(CredentialQuery.sdJwt("identity").vct(VCT)
        .claim("name").build()).build(), "identity check");
    JsonNode r = node("present", s.requestUri(), state.toString(), "name,resident_id");
    assertThat(r.path("status").asInt()).as(r.toString()).isEqualTo(400);
    PresentationResult res = bank.result(s.transactionId());
    assertThat(res.status()).isEqualTo(PresentationResult.Status.REJECTED);
    assertThat(res.problems().toString()).contains("not requested").contains("resident_id");
  }

  /** The npm verifier (verifier.mjs) asking our wallet; returns its final verdict. */
  @Test
  void ourWallet_answersNpmVerifier_verified() throws Exception {
    Wallet wallet = Wallet.builder().directory(tmp.resolve("w")).password("pw".toCharArray()).didResolver(DIDS).open();
    Process p = startVerifier("name,age_over_18", "开户身份核验 identity check");
    try (wallet; var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
        java.nio.charset.StandardCharsets.UTF_8))) {
      wallet.receive(offer().byReferenceUri(), "482913");
      JsonNode first = JSON.readTree(out.readLine());
      PresentationRequest req = wallet.present(first.path("requestUri").asText());
      assertThat(req.verifierId()).isEqualTo(first.path("clientId").asText()).startsWith("decentralized_identifier:did:jwk:");
      assertThat(req.verifierAuthenticated()).isTrue();
      assertThat(req.purposes()).containsExactly("开户身份核验 identity check");
      req.respond(java.util.Set.of("name", "age_over_18"));
      JsonNode verdict = JSON.readTree(out.readLine());
      assertThat(verdict.path("verified").asBoolean()).as(verdict.toString()).isTrue();
      assertThat(verdict.path("claims").path("name").asText()).isEqualTo("张三");
      assertThat(verdict.path("claims").has("resident_id")).isFalse();
    } finally {
      stopProcess(p);
    }
  }

  @Test
  void ourWallet_npmVerifierAsksMoreThanApproved_declines() throws Exception {
    Wallet wallet = Wallet.builder().directory(tmp.resolve("w")).password("pw".toCharArray()).didResolver(DIDS).open();
    Process p = startVerifier("name,resident_id", "account opening");
    try (wallet; var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
        java.nio.charset.StandardCharsets.UTF_8))) {
      wallet.receive(offer().byReferenceUri(), "482913");
      PresentationRequest req = wallet.present(JSON.readTree(out.readLine()).path("requestUri").asText());
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> req.respond(java.util.Set.of("name")))
          .isInstanceOf(WalletException.class).hasMessageContaining("resident_id");
      req.decline();
      JsonNode verdict = JSON.readTree(out.readLine());
      assertThat(verdict.path("verified").asBoolean()).isFalse();
    } finally {
      stopProcess(p);
    }
  }

  @Test
  void ourWallet_receivesFromNpmIssuer_thenPresentsToOurVerifier() throws Exception {
    Process p = new ProcessBuilder(List.of("node", "issuer.mjs", VCT, "2468")).directory(dir().toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (Wallet wallet = Wallet.builder().directory(tmp.resolve("w")).password("pw".toCharArray()).didResolver(DIDS)
        .open(); var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
        java.nio.charset.StandardCharsets.UTF_8))) {
      JsonNode first = JSON.readTree(out.readLine());
      String offerUri = first.path("offerUri").asText();
      assertThat(wallet.previewOffer(offerUri).txCodeRequired()).isTrue();
      StoredCredential c = wallet.receive(offerUri, "2468").get(0);
      assertThat(c.types()).containsExactly(VCT);
      JsonNode done = JSON.readTree(out.readLine());
      assertThat(done.path("issued").asBoolean()).as(done.toString()).isTrue();
      // The npm-issued credential, presented by our wallet to our verifier, which trusts the npm issuer's DID.
      String npmIssuer = first.path("issuerDid").asText();
      VerifierService v = VerifierService.builder().baseUrl(gov.issuerUrl().replace("/gov", "/v2"))
          .requestSigner(bankKey.signer(), bankDid.toString(), DidJwk.verificationMethodId(bankDid))
          .verifier(clientId -> Verifier.builder().issuerKeys(DidIssuerKeys.of(DIDS)).trustedIssuers(npmIssuer)
              .acceptedTypes(VCT).audience(clientId).noncePerRequest().ignoreStatus().build()).build();
      v.mount(server, "/v2");
      PresentationSession s = v.request(DcqlQuery.builder().credential(CredentialQuery.sdJwt("identity").vct(VCT)
          .claim("name").build()).build(), "log in");
      wallet.present(s.requestUri(), java.util.Set.of("name"));
      assertThat(v.result(s.transactionId()).claims("identity")).containsEntry("name", "李四")
          .doesNotContainKey("resident_id");
    } finally {
      stopProcess(p);
    }
  }

  @Test
  void ourWallet_wrongTxCodeAtNpmIssuer_invalidGrant() throws Exception {
    Process p = new ProcessBuilder(List.of("node", "issuer.mjs", VCT, "2468")).directory(dir().toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (Wallet wallet = Wallet.builder().directory(tmp.resolve("w")).password("pw".toCharArray()).didResolver(DIDS)
        .open(); var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
        java.nio.charset.StandardCharsets.UTF_8))) {
      String offerUri = JSON.readTree(out.readLine()).path("offerUri").asText();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> wallet.receive(offerUri, "1357"))
          .isInstanceOf(WalletException.class)
          .satisfies(e -> assertThat(((WalletException) e).errorCode()).isEqualTo("invalid_grant"));
      assertThat(wallet.list()).isEmpty();
    } finally {
      p.destroy();
      stopProcess(p);
    }
  }

  Process startVerifier(String claims, String purpose) throws IOException {
    return new ProcessBuilder(List.of("node", "verifier.mjs", govKey.publicJwk().toJSONString(), VCT, claims, purpose))
        .directory(dir().toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  static void stopProcess(Process p) throws InterruptedException {
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  static JsonNode node(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("node", "wallet.mjs"));
    cmd.addAll(List.of(args));
    String out = run(cmd, 60);
    return JSON.readTree(out);
  }

  /** Runs a command in the interop folder; returns stdout (a failing wallet step still prints JSON). */
  static String run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
    Path out = Files.createTempFile("interop-openid4vc", ".out");
    Path err = Files.createTempFile("interop-openid4vc", ".err");
    try {
      Process p = new ProcessBuilder(cmd).directory(dir().toFile()).redirectOutput(out.toFile())
          .redirectError(err.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(String.join(" ", cmd.subList(0, 2)) + " did not finish in " + timeoutSeconds + " s");
      }
      String stdout = Files.readString(out);
      if (p.exitValue() != 0 && !stdout.startsWith("{")) {
        throw new AssertionError(String.join(" ", cmd.subList(0, 2)) + " exited with " + p.exitValue() + ": "
            + Files.readString(err));
      }
      return stdout;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
