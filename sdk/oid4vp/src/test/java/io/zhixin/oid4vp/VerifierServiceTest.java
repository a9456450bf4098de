package io.zhixin.oid4vp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSObject;
import com.sun.net.httpserver.HttpServer;
import io.zhixin.credentials.DidIssuerKeys;
import io.zhixin.credentials.Verifier;
import io.zhixin.credentials.sdjwt.SdJwtPresentation;
import io.zhixin.credentials.sdjwt.SdJwtVcIssuer;
import io.zhixin.credentials.sdjwt.SdObject;
import io.zhixin.did.Did;
import io.zhixin.did.DidResolver;
import io.zhixin.did.jwk.DidJwk;
import io.zhixin.did.key.DidKey;
import io.zhixin.keys.Jws;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verifier over real HTTP on loopback, answered by hand-made presentations (the wallet has its own tests). */
class VerifierServiceTest {
  static final String VCT = "https://example.test/vct/identity";
  static final ObjectMapper JSON = new ObjectMapper();
  static final DidResolver DIDS = DidResolver.builder().method(DidKey.method()).method(DidJwk.method()).build();

  final KeyPair issuerKey = KeyPair.generate(KeyType.P256);
  final Did issuerDid = DidKey.create(issuerKey.publicJwk());
  final KeyPair bankKey = KeyPair.generate(KeyType.P256);
  final Did bankDid = DidKey.create(bankKey.publicJwk());
  final KeyPair holderKey = KeyPair.generate(KeyType.P256);
  final MutableClock clock = new MutableClock(Instant.now());
  final HttpClient http = HttpClient.newHttpClient();
  HttpServer server;
  VerifierService bank;
  String sdJwt;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/vp";
    bank = VerifierService.builder().baseUrl(base)
        .requestSigner(bankKey.signer(), bankDid.toString(), DidKey.verificationMethodId(bankDid))
        .verifier(clientId -> Verifier.builder().issuerKeys(DidIssuerKeys.of(DIDS))
            .trustedIssuers(issuerDid.toString()).acceptedTypes(VCT).audience(clientId).noncePerRequest()
            .ignoreStatus().clock(clock).build())
        .clock(clock).build();
    bank.mount(server, "/vp");
    server.start();
    sdJwt = SdJwtVcIssuer.builder().signer(issuerKey.signer()).issuer(issuerDid.toString())
        .keyId(DidKey.verificationMethodId(issuerDid)).clock(clock).build()
        .issue(VCT, SdObject.builder().disclosable("name", "张三").disclosable("age_over_18", true)
            .disclosable("resident_id", "11010519491231002X").build(), holderKey.publicJwk(), null, List.of());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
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

  DcqlQuery nameQuery() {
    return DcqlQuery.builder().credential(CredentialQuery.sdJwt("identity").vct(VCT).claim("name").build()).build();
  }

  record Req(String clientId, String nonce, String state, String responseUri, JsonNode claims) {}

  Req fetch(PresentationSession s) throws Exception {
    Map<String, String> q = query(s.requestUri());
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(q.get("request_uri"))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/oauth-authz-req+jwt");
    JWSObject jws = JWSObject.parse(r.body());
    assertThat(jws.getHeader().getType().getType()).isEqualTo("oauth-authz-req+jwt");
    assertThat(jws.verify(Jws.verifier(bankKey.publicJwk()))).isTrue();
    JsonNode c = JSON.readTree(jws.getPayload().toString());
    assertThat(c.path("client_id").asText()).isEqualTo(q.get("client_id")).isEqualTo(bank.clientId());
    return new Req(c.path("client_id").asText(), c.path("nonce").asText(), c.path("state").asText(),
        c.path("response_uri").asText(), c);
  }

  static Map<String, String> query(String uri) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (String p : uri.substring(uri.indexOf('?') + 1).split("&")) {
      int eq = p.indexOf('=');
      m.put(p.substring(0, eq), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return m;
  }

  HttpResponse<String> post(String url, String form) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
        "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> answer(Req req, String presentation) throws Exception {
    String vp = JSON.createObjectNode().set("identity", JSON.createArrayNode().add(presentation)).toString();
    return post(req.responseUri(), "vp_token=" + URLEncoder.encode(vp, StandardCharsets.UTF_8) + "&state="
        + URLEncoder.encode(req.state(), StandardCharsets.UTF_8));
  }

  String present(Req req, String aud, String nonce, String... paths) {
    SdJwtPresentation.Builder b = SdJwtPresentation.builder(sdJwt);
    for (String p : paths) {
      b.disclose(p);
    }
    return b.keyBinding(holderKey.signer(), aud, nonce).clock(clock).build();
  }

  JsonNode status(PresentationSession s) throws Exception {
    return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(s.statusUrl())).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  @Test
  void request_isSignedByReferenceWithDcqlAndPurpose() throws Exception {
    PresentationSession s = bank.request(nameQuery(), "开户身份核验 identity check");
    assertThat(s.requestUri()).startsWith("openid4vp://?client_id=decentralized_identifier");
    Req req = fetch(s);
    assertThat(req.claims().path("response_mode").asText()).isEqualTo("direct_post");
    assertThat(req.claims().path("response_type").asText()).isEqualTo("vp_token");
    assertThat(req.claims().path("dcql_query").path("credential_sets").path(0).path("purpose").asText())
        .isEqualTo("开户身份核验 identity check");
    assertThat(req.claims().path("dcql_query").path("credentials").path(0).path("meta").path("vct_values").path(0)
        .asText()).isEqualTo(VCT);
    assertThat(status(s).path("status").asText()).isEqualTo("pending");
    assertThat(s.qrPng(300)).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
  }

  @Test
  void directPost_requestedClaimsOnly_verified() throws Exception {
    PresentationSession s = bank.request(nameQuery(), "identity check");
    Req req = fetch(s);
    HttpResponse<String> r = answer(req, present(req, req.clientId(), req.nonce(), "name"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode st = status(s);
    assertThat(st.path("status").asText()).isEqualTo("verified");
    assertThat(st.path("credentials").path("identity").path(0).path("claims").path("name").asText()).isEqualTo("张三");
    assertThat(st.path("credentials").path("identity").path(0).path("claims").has("resident_id")).isFalse();
    assertThat(bank.result(s.transactionId()).claims("identity")).containsEntry("name", "张三");
  }

  @Test
  void directPost_extraDisclosedClaim_rejected() throws Exception {
    PresentationSession s = bank.request(nameQuery(), "identity check");
    Req req = fetch(s);
    HttpResponse<String> r = answer(req, present(req, req.clientId(), req.nonce(), "name", "resident_id"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("invalid_request");
    JsonNode st = status(s);
    assertThat(st.path("status").asText()).isEqualTo("rejected");
    assertThat(st.path("problems").toString()).contains("not requested").contains("resident_id");
    assertThat(st.has("credentials")).isFalse();
  }

  @Test
  void directPost_wrongNonce_rejected() throws Exception {
    PresentationSession s = bank.request(nameQuery(), "identity check");
    Req req = fetch(s);
    HttpResponse<String> r = answer(req, present(req, req.clientId(), "some-other-nonce", "name"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(status(s).path("problems").toString()).contains("nonce");
  }

  @Test
  void directPost_wrongAudience_rejected() throws Exception {
    PresentationSession s = bank.request(nameQuery(), "identity check");
    Req req = fetch(s);
    HttpResponse<String> r = answer(req, present(req, "decentralized_identifier:did:web:other.example",
        req.nonce(), "name"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(status(s).path("problems").toString()).contains("audience");
  }

  @Test
  void directPost_missingRequestedClaim_rejected() throws Exception {
    PresentationSession s = bank.request(DcqlQuery.builder().credential(CredentialQuery.sdJwt("identity").vct(VCT)
        .claim("name").claim("age_over_18").build()).build(), "identity check");
    Req req = fetch(s);
    HttpResponse<String> r = answer(req, present(req, req.clientId(), req.nonce(), "name"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(status(s).path("problems").toString()).contains("age_over_18").contains("missing");
  }

  @Test
  void directPost_unknownStateOrSecondAnswer_invalidRequest() throws Exception {
    PresentationSession s = bank.request(nameQuery(), "identity check");
    Req req = fetch(s);
    assertThat(post(req.responseUri(), "vp_token=%7B%7D&state=nope").statusCode()).isEqualTo(400);
    HttpResponse<String> garbled = post(req.responseUri(), "vp_token=%zz&state=%zz");
    assertThat(garbled.statusCode()).isEqualTo(400);
    assertThat(garbled.body()).contains("invalid_request");
    assertThat(answer(req, present(req, req.clientId(), req.nonce(), "name")).statusCode()).isEqualTo(200);
    HttpResponse<String> again = answer(req, present(req, req.clientId(), req.nonce(), "name"));
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.body()).contains("invalid_request");
    assertThat(status(s).path("status").asText()).isEqualTo("verified");
  }

  @Test
  void expiredRequest_notServedAndAnswerRefused() throws Exception {
    PresentationSession s = bank.request(nameQuery(), "identity check");
    Req req = fetch(s);
    String p = present(req, req.clientId(), req.nonce(), "name");
    clock.now = clock.now.plus(Duration.ofMinutes(6));
    assertThat(http.send(HttpRequest.newBuilder(URI.create(query(s.requestUri()).get("request_uri"))).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    assertThat(status(s).path("status").asText()).isEqualTo("expired");
    HttpResponse<String> r = answer(req, p);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("expired");
  }

  @Test
  void walletError_refused() throws Exception {
    PresentationSession s = bank.request(nameQuery(), "identity check");
    Req req = fetch(s);
    assertThat(post(req.responseUri(), "error=access_denied&state=" + req.state()).statusCode()).isEqualTo(200);
    JsonNode st = status(s);
    assertThat(st.path("status").asText()).isEqualTo("refused");
    assertThat(st.path("error").asText()).isEqualTo("access_denied");
  }

  @Test
  void sameDevice_redirectWithResponseCode() throws Exception {
    PresentationSession s = bank.request(nameQuery(), "identity check", "http://127.0.0.1/done");
    Req req = fetch(s);
    HttpResponse<String> r = answer(req, present(req, req.clientId(), req.nonce(), "name"));
    String redirect = JSON.readTree(r.body()).path("redirect_uri").asText();
    assertThat(redirect).startsWith("http://127.0.0.1/done?response_code=");
    String code = redirect.substring(redirect.indexOf('=') + 1);
    assertThat(bank.resultForResponseCode(code).isVerified()).isTrue();
    assertThat(bank.resultForResponseCode(code).status()).isEqualTo(PresentationResult.Status.EXPIRED);
  }

  @Test
  void dcql_roundTripsThroughJson() {
    DcqlQuery q = DcqlQuery.builder().credential(CredentialQuery.sdJwt("identity").vct(VCT)
        .claim(ClaimsQuery.of("address", "locality").withId("loc")).claim(ClaimsQuery.of("name").withId("n"))
        .claimSet("n", "loc").claimSet("n").build())
        .credential(CredentialQuery.w3c("job").types("VerifiableCredential", "EmploymentCredential")
            .claim("credentialSubject/employer").build()).build().withPurpose("loan pre-check");
    DcqlQuery back = DcqlQuery.parse(q.toJson().toString());
    assertThat(back.toJson()).isEqualTo(q.toJson());
    assertThat(back.credentialSets().get(0).purpose()).isEqualTo("loan pre-check");
  }

  @Test
  void request_blankPurpose_refused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> bank.request(nameQuery(), " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("purpose");
  }
}
