package io.zhixin.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.zhixin.oid4vp.PresentationResult;
import io.zhixin.oid4vp.PresentationSession;
import io.zhixin.oid4vp.VerifierService;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our wallet against our issuer and verifier, over real HTTP on 127.0.0.1. */
class WalletFlowTest {
  static final String VCT = "https://example.test/vct/identity";
  static final ObjectMapper JSON = new ObjectMapper();
  static final DidResolver DIDS = DidResolver.builder().method(DidKey.method()).method(DidJwk.method()).build();
  static final char[] PASSWORD = "correct horse battery staple".toCharArray();

  @TempDir
  Path dir;
  final KeyPair govKey = KeyPair.generate(KeyType.P256);
  final Did govDid = DidKey.create(govKey.publicJwk());
  final KeyPair bankKey = KeyPair.generate(KeyType.P256);
  final Did bankDid = DidKey.create(bankKey.publicJwk());
  final MutableClock verifierClock = new MutableClock();
  final HttpClient http = HttpClient.newHttpClient();
  HttpServer server;
  CredentialIssuerService gov;
  VerifierService bank;
  Wallet wallet;

  static final class MutableClock extends Clock {
    Duration offset = Duration.ZERO;

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    gov = CredentialIssuerService.builder().issuerUrl(base + "/gov")
        .signer(govKey.signer(), govDid.toString(), DidKey.verificationMethodId(govDid))
        .configuration(CredentialConfiguration.sdJwt("identity", VCT).displayName("身份凭证 Identity").build())
        .configuration(CredentialConfiguration.vcJwt("employment", "EmploymentCredential").build())
        .build();
    gov.mount(server, "/gov");
    bank = VerifierService.builder().baseUrl(base + "/bank")
        .requestSigner(bankKey.signer(), bankDid.toString(), DidKey.verificationMethodId(bankDid))
        .verifier(clientId -> Verifier.builder().issuerKeys(DidIssuerKeys.of(DIDS))
            .trustedIssuers(govDid.toString()).acceptedTypes(VCT, "EmploymentCredential").audience(clientId)
            .noncePerRequest().ignoreStatus().build())
        .clock(verifierClock).build();
    bank.mount(server, "/bank");
    server.start();
    wallet = Wallet.builder().directory(dir.resolve("wallet")).password(PASSWORD).didResolver(DIDS).open();
  }

  @AfterEach
  void stop() {
    wallet.close();
    server.stop(0);
  }

  CredentialOffer identityOffer() {
    return gov.newOffer().credential("identity", CredentialData.sdJwt(SdObject.builder()
        .disclosable("name", "张三").disclosable("age_over_18", true).disclosable("resident_id", "11010519491231002X")
        .disclosable("address", SdObject.builder().disclosable("locality", "禅城区").disclosable("street", "岭南大道")
            .build()).build()))
        .txCode("482913").create();
  }

  DcqlQuery identityQuery(String... claims) {
    CredentialQuery.Builder q = CredentialQuery.sdJwt("identity").vct(VCT);
    for (String c : claims) {
      q.claim(c);
    }
    return DcqlQuery.builder().credential(q.build()).build();
  }

  JsonNode poll(PresentationSession s) throws Exception {
    return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(s.statusUrl())).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  @Test
  void issuanceAndPresentation_sdJwt_endToEnd() throws Exception {
    CredentialOffer offer = identityOffer();
    OfferPreview preview = wallet.previewOffer(offer.byReferenceUri());
    assertThat(preview.txCodeRequired()).isTrue();
    assertThat(preview.txCodeLength()).isEqualTo(6);
    assertThat(preview.displayNames()).containsExactly("身份凭证 Identity");

    StoredCredential c = wallet.receive(offer.byReferenceUri(), "482913").get(0);
    assertThat(c.format()).isEqualTo("dc+sd-jwt");
    assertThat(c.types()).containsExactly(VCT);
    assertThat(wallet.list()).hasSize(1);

    PresentationSession s = bank.request(identityQuery("name", "age_over_18", "address/locality"),
        "开户身份核验 Identity check to open an account");
    assertThat(poll(s).path("status").asText()).isEqualTo("pending");
    PresentationRequest req = wallet.present(s.requestUri());
    assertThat(req.verifierId()).isEqualTo("decentralized_identifier:" + bankDid);
    assertThat(req.verifierAuthenticated()).isTrue();
    assertThat(req.purposes()).containsExactly("开户身份核验 Identity check to open an account");
    assertThat(req.requested()).singleElement().satisfies(r -> {
      assertThat(r.claims()).containsExactly("name", "age_over_18", "address/locality");
      assertThat(r.credentialId()).isEqualTo(c.id());
    });
    PresentationOutcome out = req.respond(Set.of("name", "age_over_18", "address/locality"));
    assertThat(out.redirect()).isEmpty();

    JsonNode status = poll(s);
    assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("verified");
    JsonNode claims = status.path("credentials").path("identity").path(0).path("claims");
    assertThat(claims.path("name").asText()).isEqualTo("张三");
    assertThat(claims.path("address").path("locality").asText()).isEqualTo("禅城区");
    assertThat(claims.has("resident_id")).isFalse();
    assertThat(claims.path("address").has("street")).isFalse();
  }

  @Test
  void issuanceAndPresentation_vcJwt_endToEnd() throws Exception {
    CredentialOffer offer = gov.newOffer().credential("employment",
        CredentialData.vcJwt(Map.of("employer", "佛山银行", "position", "teller"))).withoutTxCode().create();
    StoredCredential c = wallet.receive(offer.byValueUri(), null).get(0);
    assertThat(c.format()).isEqualTo("jwt_vc_json");
    PresentationSession s = bank.request(DcqlQuery.builder().credential(CredentialQuery.w3c("job")
        .types("VerifiableCredential", "EmploymentCredential").claim("credentialSubject/employer").build()).build(),
        "贷款预审 loan pre-check");
    wallet.present(s.requestUri(), Set.of("credentialSubject/employer"));
    PresentationResult r = bank.result(s.transactionId());
    assertThat(r.isVerified()).as(r.toString()).isTrue();
    assertThat(r.credentials().get("job").get(0).claim("credentialSubject/employer")).hasValue("佛山银行");
    assertThat(r.credentials().get("job").get(0).claim("credentialSubject/id")).hasValue(wallet.holderDid());
  }

  @Test
  void receive_wrongTxCode_invalidGrant_nothingStored() {
    CredentialOffer offer = identityOffer();
    assertThatThrownBy(() -> wallet.receive(offer.byReferenceUri(), "000000")).isInstanceOf(WalletException.class)
        .satisfies(e -> {
          assertThat(((WalletException) e).reason()).isEqualTo(WalletException.Reason.ISSUER_ERROR);
          assertThat(((WalletException) e).errorCode()).isEqualTo("invalid_grant");
        });
    assertThat(wallet.list()).isEmpty();
    assertThatThrownBy(() -> wallet.receive(offer.byReferenceUri(), null)).isInstanceOf(WalletException.class)
        .extracting(e -> ((WalletException) e).reason()).isEqualTo(WalletException.Reason.TX_CODE_REQUIRED);
    assertThat(wallet.receive(offer.byReferenceUri(), "482913")).hasSize(1);
  }

  @Test
  void present_requestAsksMoreThanApproved_notApprovedAndNothingSent() throws Exception {
    wallet.receive(identityOffer().byReferenceUri(), "482913");
    PresentationSession s = bank.request(identityQuery("name", "resident_id"), "identity check");
    PresentationRequest req = wallet.present(s.requestUri());
    assertThatThrownBy(() -> req.respond(Set.of("name"))).isInstanceOf(WalletException.class)
        .hasMessageContaining("identity:resident_id")
        .extracting(e -> ((WalletException) e).reason()).isEqualTo(WalletException.Reason.NOT_APPROVED);
    assertThat(poll(s).path("status").asText()).isEqualTo("pending");
    req.decline();
    assertThat(poll(s).path("status").asText()).isEqualTo("refused");
  }

  @Test
  void present_sameDevice_redirectCarriesResponseCode() {
    wallet.receive(identityOffer().byReferenceUri(), "482913");
    PresentationSession s = bank.request(identityQuery("name"), "log in", "http://127.0.0.1/portal/done");
    PresentationOutcome out = wallet.present(s.requestUri(), Set.of("*"));
    assertThat(out.disclosed()).containsEntry("identity", Set.of("name"));
    String redirect = out.redirect().orElseThrow();
    String code = redirect.substring(redirect.indexOf("response_code=") + "response_code=".length());
    assertThat(bank.resultForResponseCode(code).claims("identity")).containsEntry("name", "张三");
  }

  @Test
  void present_unsignedRequestByValue_markedUnauthenticated() {
    wallet.receive(identityOffer().byReferenceUri(), "482913");
    VerifierService dev = VerifierService.builder().baseUrl(gov.issuerUrl().replace("/gov", "/dev"))
        .unsignedRequests().verifier(clientId -> Verifier.builder().issuerKeys(DidIssuerKeys.of(DIDS))
            .trustedIssuers(govDid.toString()).acceptedTypes(VCT).audience(clientId).noncePerRequest().ignoreStatus()
            .build()).build();
    dev.mount(server, "/dev");
    PresentationSession s = dev.request(identityQuery("name"), "log in");
    assertThat(s.requestUri()).contains("client_id=redirect_uri").doesNotContain("request_uri=");
    PresentationRequest req = wallet.present(s.requestUri());
    assertThat(req.verifierAuthenticated()).isFalse();
    assertThat(req.verifierId()).isEqualTo(dev.clientId());
    req.respond(Set.of("name"));
    assertThat(dev.result(s.transactionId()).isVerified()).isTrue();
  }

  @Test
  void present_expiredRequest_requestExpired() {
    wallet.receive(identityOffer().byReferenceUri(), "482913");
    PresentationSession s = bank.request(identityQuery("name"), "identity check");
    verifierClock.offset = Duration.ofMinutes(6);
    assertThatThrownBy(() -> wallet.present(s.requestUri())).isInstanceOf(WalletException.class)
        .extracting(e -> ((WalletException) e).reason()).isEqualTo(WalletException.Reason.REQUEST_EXPIRED);
  }

  @Test
  void present_noMatchingCredential() {
    PresentationSession s = bank.request(identityQuery("name"), "identity check");
    PresentationRequest req = wallet.present(s.requestUri());
    assertThat(req.requested().get(0).credentialId()).isNull();
    assertThatThrownBy(() -> req.respond(Set.of("*"))).isInstanceOf(WalletException.class)
        .extracting(e -> ((WalletException) e).reason()).isEqualTo(WalletException.Reason.NO_MATCHING_CREDENTIAL);
  }

  @Test
  void store_encryptedAndPersistent_wrongPasswordRefused() throws Exception {
    wallet.receive(identityOffer().byReferenceUri(), "482913");
    String holder = wallet.holderDid();
    wallet.close();
    Path file = dir.resolve("wallet/credentials.jwe");
    assertThat(Files.readString(file)).doesNotContain("张三").startsWith("eyJ");
    try (Wallet again = Wallet.builder().directory(dir.resolve("wallet")).password(PASSWORD).open()) {
      assertThat(again.list()).hasSize(1);
      assertThat(again.holderDid()).isEqualTo(holder);
    }
    assertThatThrownBy(() -> Wallet.builder().directory(dir.resolve("wallet")).password("wrong".toCharArray())
        .open()).isInstanceOf(WalletException.class).hasMessageContaining("password");
    wallet = Wallet.builder().directory(dir.resolve("wallet")).password(PASSWORD).open();
  }
}
