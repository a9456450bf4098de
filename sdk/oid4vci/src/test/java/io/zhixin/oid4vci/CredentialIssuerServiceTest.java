package io.zhixin.oid4vci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.sun.net.httpserver.HttpServer;
import io.zhixin.credentials.sdjwt.SdObject;
import io.zhixin.did.Did;
import io.zhixin.did.key.DidKey;
import io.zhixin.keys.Jws;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The issuer over real HTTP on loopback, driven by hand-made wallet requests. */
class CredentialIssuerServiceTest {
  static final String VCT = "https://example.test/vct/identity";
  static final ObjectMapper JSON = new ObjectMapper();
  final KeyPair issuerKey = KeyPair.generate(KeyType.P256);
  final Did issuerDid = DidKey.create(issuerKey.publicJwk());
  final KeyPair holder = KeyPair.generate(KeyType.P256);
  final HttpClient http = HttpClient.newHttpClient();
  HttpServer server;
  CredentialIssuerService issuer;
  String url;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/vci";
    issuer = CredentialIssuerService.builder().issuerUrl(url)
        .signer(issuerKey.signer(), issuerDid.toString(), DidKey.verificationMethodId(issuerDid))
        .displayName("禅城区公安分局")
        .configuration(CredentialConfiguration.sdJwt("identity", VCT).displayName("身份凭证").claim("name", "姓名")
            .build())
        .configuration(CredentialConfiguration.vcJwt("employment", "EmploymentCredential").build())
        .build();
    issuer.mount(server, "/vci");
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  CredentialOffer twoCredentialOffer() {
    return issuer.newOffer()
        .credential("identity", CredentialData.sdJwt(SdObject.builder().disclosable("name", "张三").build()))
        .credential("employment", CredentialData.vcJwt(Map.of("employer", "佛山银行")))
        .txCode("123456").create();
  }

  HttpResponse<String> get(String u) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(u)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String type, String body, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  String code(CredentialOffer o) throws Exception {
    return JSON.readTree(o.json()).path("grants").path(CredentialIssuerService.PRE_AUTHORIZED_GRANT)
        .path("pre-authorized_code").asText();
  }

  HttpResponse<String> token(String code, String tx) throws Exception {
    return post("/token", "application/x-www-form-urlencoded", "grant_type="
        + URLEncoder.encode(CredentialIssuerService.PRE_AUTHORIZED_GRANT, StandardCharsets.UTF_8)
        + "&pre-authorized_code=" + code + (tx == null ? "" : "&tx_code=" + tx), null);
  }

  String accessToken(CredentialOffer o) throws Exception {
    HttpResponse<String> r = token(code(o), "123456");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("cache-control")).hasValue("no-store");
    JsonNode t = JSON.readTree(r.body());
    assertThat(t.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(t.path("expires_in").asLong()).isEqualTo(300);
    return t.path("access_token").asText();
  }

  String nonce() throws Exception {
    return JSON.readTree(post("/nonce", "application/json", "", null).body()).path("c_nonce").asText();
  }

  String proof(String typ, String aud, String nonce, Instant iat) throws Exception {
    JWSObject jws = new JWSObject(new JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.ES256)
        .type(new JOSEObjectType(typ)).jwk(holder.publicJwk()).build(),
        new Payload(JSON.createObjectNode().put("aud", aud).put("nonce", nonce).put("iat", iat.getEpochSecond())
            .toString()));
    jws.sign(Jws.signer(holder.signer()));
    return jws.serialize();
  }

  HttpResponse<String> credential(String token, String config, String proof) throws Exception {
    String body = JSON.createObjectNode().put("credential_configuration_id", config)
        .set("proofs", JSON.createObjectNode().set("jwt", JSON.createArrayNode().add(proof))).toString();
    return post("/credential", "application/json", body, token);
  }

  static String error(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body()).path("error").asText();
  }

  @Test
  void metadata_servedAtInsertedWellKnownPaths() throws Exception {
    String host = url.substring(0, url.length() - 4);
    JsonNode m = JSON.readTree(get(host + "/.well-known/openid-credential-issuer/vci").body());
    assertThat(m.path("credential_issuer").asText()).isEqualTo(url);
    assertThat(m.path("nonce_endpoint").asText()).isEqualTo(url + "/nonce");
    assertThat(m.path("credential_configurations_supported").path("identity").path("format").asText())
        .isEqualTo("dc+sd-jwt");
    assertThat(m.path("credential_configurations_supported").path("employment").path("credential_definition")
        .path("type").toString()).contains("EmploymentCredential");
    JsonNode as = JSON.readTree(get(host + "/.well-known/oauth-authorization-server/vci").body());
    assertThat(as.path("token_endpoint").asText()).isEqualTo(url + "/token");
    assertThat(as.path("pre-authorized_grant_anonymous_access_supported").asBoolean()).isTrue();
  }

  @Test
  void offer_byReferenceAndQrCode() throws Exception {
    CredentialOffer o = twoCredentialOffer();
    assertThat(o.txCode()).hasValue("123456");
    assertThat(o.byValueUri()).startsWith("openid-credential-offer://?credential_offer=");
    JsonNode served = JSON.readTree(get(o.referenceUrl()).body());
    assertThat(served.path("credential_issuer").asText()).isEqualTo(url);
    assertThat(served.path("grants").path(CredentialIssuerService.PRE_AUTHORIZED_GRANT).path("tx_code")
        .path("length").asInt()).isEqualTo(6);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(o.qrPng(400)));
    int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    // A rendered code, not a photo: read it as a pure barcode (the finder search alone misses ~1% of random ids).
    String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
        new RGBLuminanceSource(img.getWidth(), img.getHeight(), px))), Map.of(DecodeHintType.PURE_BARCODE, true))
        .getText();
    assertThat(decoded).isEqualTo(o.byReferenceUri());
  }

  @Test
  void fullIssuance_bothFormatsBoundToProofKey() throws Exception {
    CredentialOffer o = twoCredentialOffer();
    String token = accessToken(o);
    HttpResponse<String> r = credential(token, "identity", proof("openid4vci-proof+jwt", url, nonce(), Instant.now()));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String sd = JSON.readTree(r.body()).path("credentials").path(0).path("credential").asText();
    assertThat(sd).contains("~");
    JsonNode payload = JSON.readTree(JWSObject.parse(sd.substring(0, sd.indexOf('~'))).getPayload().toString());
    assertThat(payload.path("cnf").path("jwk").path("x").asText()).isEqualTo(holder.publicJwk().toJSONObject().get("x"));
    HttpResponse<String> r2 = credential(token, "employment", proof("openid4vci-proof+jwt", url, nonce(),
        Instant.now()));
    assertThat(r2.statusCode()).as(r2.body()).isEqualTo(200);
    String vc = JSON.readTree(r2.body()).path("credentials").path(0).path("credential").asText();
    assertThat(JWSObject.parse(vc).getHeader().getType().getType()).isEqualTo("vc+jwt");
    assertThat(JWSObject.parse(vc).getPayload().toString()).contains("did:jwk:");
    // Everything offered was issued: the token is spent.
    assertThat(credential(token, "identity", proof("openid4vci-proof+jwt", url, nonce(), Instant.now()))
        .statusCode()).isEqualTo(401);
  }

  @Test
  void token_wrongTxCode_invalidGrant_thenVoidAfterThreeTries() throws Exception {
    CredentialOffer o = twoCredentialOffer();
    HttpResponse<String> r = token(code(o), "000000");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r)).isEqualTo("invalid_grant");
    assertThat(error(token(code(o), null))).isEqualTo("invalid_request");
    HttpResponse<String> garbled = post("/token", "application/x-www-form-urlencoded", "grant_type=%zz", null);
    assertThat(garbled.statusCode()).isEqualTo(400);
    assertThat(error(garbled)).isEqualTo("invalid_request");
    token(code(o), "000001");
    token(code(o), "000002");
    HttpResponse<String> late = token(code(o), "123456");
    assertThat(late.statusCode()).isEqualTo(400);
    assertThat(error(late)).isEqualTo("invalid_grant");
  }

  @Test
  void token_codeIsSingleUse() throws Exception {
    CredentialOffer o = twoCredentialOffer();
    accessToken(o);
    HttpResponse<String> again = token(code(o), "123456");
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(error(again)).isEqualTo("invalid_grant");
    assertThat(get(o.referenceUrl()).statusCode()).isEqualTo(404);
  }

  @Test
  void token_wrongGrantType_unsupported() throws Exception {
    HttpResponse<String> r = post("/token", "application/x-www-form-urlencoded", "grant_type=password", null);
    assertThat(error(r)).isEqualTo("unsupported_grant_type");
  }

  @Test
  void credential_replayedNonce_invalidNonce() throws Exception {
    CredentialOffer o = twoCredentialOffer();
    String token = accessToken(o);
    String n = nonce();
    assertThat(credential(token, "identity", proof("openid4vci-proof+jwt", url, n, Instant.now())).statusCode())
        .isEqualTo(200);
    HttpResponse<String> replay = credential(token, "employment", proof("openid4vci-proof+jwt", url, n,
        Instant.now()));
    assertThat(replay.statusCode()).isEqualTo(400);
    assertThat(error(replay)).isEqualTo("invalid_nonce");
    assertThat(credential(token, "employment", proof("openid4vci-proof+jwt", url, "made-up", Instant.now())).body())
        .contains("invalid_nonce");
  }

  @Test
  void credential_badProofs_invalidProof() throws Exception {
    String token = accessToken(twoCredentialOffer());
    HttpResponse<String> wrongAud = credential(token, "identity", proof("openid4vci-proof+jwt",
        "https://other.example", nonce(), Instant.now()));
    assertThat(wrongAud.statusCode()).isEqualTo(400);
    assertThat(error(wrongAud)).isEqualTo("invalid_proof");
    assertThat(JSON.readTree(wrongAud.body()).path("error_description").asText()).contains("aud");
    assertThat(error(credential(token, "identity", proof("JWT", url, nonce(), Instant.now()))))
        .isEqualTo("invalid_proof");
    assertThat(error(credential(token, "identity", proof("openid4vci-proof+jwt", url, nonce(),
        Instant.now().minusSeconds(3600))))).isEqualTo("invalid_proof");
    assertThat(error(credential(token, "identity", proof("openid4vci-proof+jwt", url, nonce(),
        Instant.now().plusSeconds(600))))).isEqualTo("invalid_proof");
    String forged = proof("openid4vci-proof+jwt", url, nonce(), Instant.now());
    forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA" + forged.substring(forged.lastIndexOf('.') + 5);
    assertThat(error(credential(token, "identity", forged))).isEqualTo("invalid_proof");
    // None of the failures consumed the offer: a good proof still works.
    assertThat(credential(token, "identity", proof("openid4vci-proof+jwt", url, nonce(), Instant.now()))
        .statusCode()).isEqualTo(200);
  }

  @Test
  void credential_issuerCannotIssue_deniedAndNothingSpent() throws Exception {
    CredentialOffer o = issuer.newOffer().credential("identity", CredentialData.sdJwt(SdObject.builder()
        .plain("vct", "reserved claims are refused by the SD-JWT VC issuer").build())).txCode("123456").create();
    String token = accessToken(o);
    HttpResponse<String> r = credential(token, "identity", proof("openid4vci-proof+jwt", url, nonce(), Instant.now()));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r)).isEqualTo("credential_request_denied");
    HttpResponse<String> again = credential(token, "identity", proof("openid4vci-proof+jwt", url, nonce(),
        Instant.now()));
    assertThat(JSON.readTree(again.body()).path("error_description").asText()).contains("cannot issue")
        .doesNotContain("already issued");
  }

  @Test
  void credential_tokenAndConfigurationErrors() throws Exception {
    HttpResponse<String> none = credential(null, "identity", "x");
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("www-authenticate")).hasValue("Bearer");
    HttpResponse<String> bad = credential("not-a-token", "identity", "x");
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(error(bad)).isEqualTo("invalid_token");
    String token = accessToken(twoCredentialOffer());
    HttpResponse<String> unknown = credential(token, "passport", proof("openid4vci-proof+jwt", url, nonce(),
        Instant.now()));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(error(unknown)).isEqualTo("unknown_credential_configuration");
    HttpResponse<String> noProof = post("/credential", "application/json",
        "{\"credential_configuration_id\":\"identity\"}", token);
    assertThat(error(noProof)).isEqualTo("invalid_proof");
    HttpResponse<String> notJson = post("/credential", "application/json", "{", token);
    assertThat(error(notJson)).isEqualTo("invalid_credential_request");
  }
}
