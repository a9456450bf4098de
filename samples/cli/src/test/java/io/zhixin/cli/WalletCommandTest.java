package io.zhixin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.zhixin.credentials.DidIssuerKeys;
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
import io.zhixin.oid4vp.PresentationSession;
import io.zhixin.oid4vp.VerifierService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code zhixin wallet} in-process against our issuer and verifier on loopback HTTP. */
class WalletCommandTest {
  static final String VCT = "https://example.test/vct/identity";
  static final DidResolver DIDS = DidResolver.builder().method(DidKey.method()).method(DidJwk.method()).build();

  @TempDir
  Path dir;
  HttpServer server;
  CredentialIssuerService gov;
  VerifierService bank;
  String out;
  String err;

  @BeforeEach
  void start() throws Exception {
    KeyPair govKey = KeyPair.generate(KeyType.P256);
    Did govDid = DidKey.create(govKey.publicJwk());
    KeyPair bankKey = KeyPair.generate(KeyType.P256);
    Did bankDid = DidKey.create(bankKey.publicJwk());
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    gov = CredentialIssuerService.builder().issuerUrl(base + "/gov")
        .signer(govKey.signer(), govDid.toString(), DidKey.verificationMethodId(govDid))
        .configuration(CredentialConfiguration.sdJwt("identity", VCT).displayName("身份凭证").build()).build();
    gov.mount(server, "/gov");
    bank = VerifierService.builder().baseUrl(base + "/bank")
        .requestSigner(bankKey.signer(), bankDid.toString(), DidKey.verificationMethodId(bankDid))
        .verifier(clientId -> Verifier.builder().issuerKeys(DidIssuerKeys.of(DIDS))
            .trustedIssuers(govDid.toString()).acceptedTypes(VCT).audience(clientId).noncePerRequest()
            .ignoreStatus().build())
        .build();
    bank.mount(server, "/bank");
    server.start();
    Files.writeString(dir.resolve("pw"), "wallet password\n");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  int run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--wallet", dir.resolve("w").toString(), "--password-file", dir.resolve("pw").toString()));
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CommandLine cli = Zhixin.commandLine();
    cli.setOut(new PrintWriter(o));
    cli.setErr(new PrintWriter(e));
    int exit = cli.execute(all.toArray(String[]::new));
    out = o.toString();
    err = e.toString();
    return exit;
  }

  String receiveIdentity() {
    CredentialOffer offer = gov.newOffer().credential("identity", CredentialData.sdJwt(SdObject.builder()
        .disclosable("name", "张三").disclosable("resident_id", "11010519491231002X").build())).txCode("7391")
        .create();
    assertThat(run("wallet", "receive", offer.byReferenceUri(), "--tx-code", "7391")).as(err).isZero();
    return out;
  }

  @Test
  void receive_thenList() {
    assertThat(receiveIdentity()).contains("身份凭证").contains("Stored").contains("dc+sd-jwt");
    assertThat(run("wallet", "list")).isZero();
    assertThat(out).contains(VCT).contains("cred-");
  }

  @Test
  void receive_wrongTxCode_oneLineError() {
    CredentialOffer offer = gov.newOffer().credential("identity", CredentialData.sdJwt(SdObject.builder()
        .disclosable("name", "张三").build())).txCode("7391").create();
    assertThat(run("wallet", "receive", offer.byReferenceUri(), "--tx-code", "0000")).isEqualTo(1);
    assertThat(err.strip().lines().count()).isEqualTo(1);
    assertThat(err).startsWith("zhixin: ").contains("invalid_grant").doesNotContain("\tat ");
  }

  @Test
  void present_showsWhoWhatWhy_thenAnswersApprovedClaims() {
    receiveIdentity();
    PresentationSession s = bank.request(DcqlQuery.builder().credential(CredentialQuery.sdJwt("identity").vct(VCT)
        .claim("name").build()).build(), "扫码登录 log in to the citizen portal");
    assertThat(run("wallet", "present", s.requestUri())).isEqualTo(WalletCommand.EXIT_NOT_ANSWERED);
    assertThat(out).contains("decentralized_identifier:did:key:").contains("扫码登录 log in to the citizen portal")
        .contains("identity").contains("name").contains("Not answered");
    assertThat(bank.result(s.transactionId()).isVerified()).isFalse();
    assertThat(run("wallet", "present", s.requestUri(), "--approve", "name")).as(err).isZero();
    assertThat(out).contains("Disclosed").contains("identity: name");
    assertThat(bank.result(s.transactionId()).claims("identity")).containsEntry("name", "张三")
        .doesNotContainKey("resident_id");
  }

  @Test
  void present_asksMoreThanApproved_refusedWithoutSending() {
    receiveIdentity();
    PresentationSession s = bank.request(DcqlQuery.builder().credential(CredentialQuery.sdJwt("identity").vct(VCT)
        .claim("name").claim("resident_id").build()).build(), "account opening");
    assertThat(run("wallet", "present", s.requestUri(), "--approve", "name")).isEqualTo(1);
    assertThat(err).contains("not_approved").contains("identity:resident_id");
    assertThat(bank.result(s.transactionId()).status().name()).isEqualTo("PENDING");
  }
}
