package io.zhixin.vcapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhixin.credentials.DidIssuerKeys;
import io.zhixin.credentials.Verifier;
import io.zhixin.credentials.sdjwt.SdJwtPresentation;
import io.zhixin.credentials.sdjwt.SdJwtVcIssuer;
import io.zhixin.credentials.vc.VpJwtPresentation;
import io.zhixin.did.DidResolver;
import io.zhixin.did.jwk.DidJwk;
import io.zhixin.did.key.DidKey;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VcApiServerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final KeyPair ISSUER_KEY = KeyPair.generate(KeyType.P256);
  static final KeyPair HOLDER_KEY = KeyPair.generate(KeyType.P256);
  static final String ISSUER = DidKey.create(ISSUER_KEY.publicJwk()).toString();
  static final String KID = DidKey.verificationMethodId(DidKey.create(ISSUER_KEY.publicJwk()));
  static final String HOLDER = DidJwk.create(HOLDER_KEY.publicJwk()).toString();
  static final String HOLDER_KID = DidJwk.verificationMethodId(DidJwk.create(HOLDER_KEY.publicJwk()));
  static final String AUD = "https://bank.example";
  static final String TOKEN = "issuer-token-0123456789";
  static final String CREDENTIAL = """
      {"@context": ["https://www.w3.org/ns/credentials/v2"],
       "type": ["VerifiableCredential", "ResidenceCertificate"],
       "issuer": "%s",
       "credentialSubject": {"id": "%s", "address": "佛山市禅城区"}}""".formatted(ISSUER, HOLDER);

  static final DidResolver DIDS = DidResolver.builder().method(DidKey.method()).method(DidJwk.method()).build();

  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  VcApiServer server;

  static Verifier.Builder policy() {
    return Verifier.builder().issuerKeys(DidIssuerKeys.of(DIDS)).trustedIssuers(ISSUER).acceptAnyType()
        .ignoreStatus();
  }

  static VcApiServer.Builder configured() {
    return VcApiServer.builder()
        .issuer(ISSUER_KEY.signer(), ISSUER, KID).issueBearerToken(TOKEN)
        .credentialVerifier(policy().ignoreAudience().ignoreNonce().allowMissingKeyBinding().build())
        .presentationVerifier(policy().audience(AUD).noncePerRequest().build());
  }

  @BeforeEach
  void start() {
    server = configured().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return post(path, body, true);
  }

  HttpResponse<String> post(String path, String body, boolean auth) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(server.uri().resolve(path))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth) {
      r.header("Authorization", "Bearer " + TOKEN);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  String issue() throws Exception {
    HttpResponse<String> r = post("/credentials/issue", "{\"credential\": " + CREDENTIAL + ", \"options\": {}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return r.body();
  }

  static String jwtOf(String issueResponse) throws IOException {
    String id = JSON.readTree(issueResponse).at("/verifiableCredential/id").asText();
    assertThat(id).startsWith("data:application/vc+jwt,");
    return id.substring("data:application/vc+jwt,".length());
  }

  @Test
  void issue_thenVerify_roundTripsWithEveryCheck() throws Exception {
    String issued = issue();
    JsonNode vc = JSON.readTree(issued).get("verifiableCredential");
    assertThat(vc.get("type").asText()).isEqualTo("EnvelopedVerifiableCredential");
    assertThat(vc.get("@context").get(0).asText()).isEqualTo("https://www.w3.org/ns/credentials/v2");

    HttpResponse<String> r = post("/credentials/verify", "{\"verifiableCredential\": " + vc + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(
        "application/json"));
    JsonNode report = json(r);
    assertThat(report.get("verified").asBoolean()).isTrue();
    assertThat(report.get("problemDetails")).isEmpty();
    assertThat(report.get("checks").findValuesAsText("check")).contains("signature", "data_model", "issuer_key");
    assertThat(report.at("/credentials/0/issuer").asText()).isEqualTo(ISSUER);
    assertThat(report.at("/credentials/0/claims/credentialSubject/address").asText()).isEqualTo("佛山市禅城区");

    // A compact JWT string is accepted as well.
    r = post("/credentials/verify", "{\"verifiableCredential\": \"" + jwtOf(issued) + "\"}");
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void verify_tamperedCredential_is400WithTheSignatureProblem() throws Exception {
    String jwt = jwtOf(issue());
    String[] parts = jwt.split("\\.");
    String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
        .replace("佛山市禅城区", "广州市天河区");
    String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    HttpResponse<String> r = post("/credentials/verify", "{\"verifiableCredential\": {\"@context\": "
        + "[\"https://www.w3.org/ns/credentials/v2\"], \"type\": \"EnvelopedVerifiableCredential\", "
        + "\"id\": \"data:application/vc+jwt," + forged + "\"}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonNode report = json(r);
    assertThat(report.get("verified").asBoolean()).isFalse();
    assertThat(report.get("problemDetails").findValuesAsText("code")).contains("signature");
    assertThat(report.has("credentials")).isFalse();
    assertThat(r.body()).doesNotContain("广州市天河区").doesNotContain("Exception");
  }

  @Test
  void verify_credentialOfAnotherIssuerKey_is400() throws Exception {
    KeyPair other = KeyPair.generate(KeyType.P256);
    String otherDid = DidKey.create(other.publicJwk()).toString();
    String jwt = io.zhixin.credentials.vc.VcJwtIssuer.builder().signer(other.signer()).issuer(otherDid)
        .keyId(KID).build().issue(io.zhixin.credentials.vc.VerifiableCredential.parse(
            CREDENTIAL.replace(ISSUER, otherDid)));
    HttpResponse<String> r = post("/credentials/verify", "{\"verifiableCredential\": \"" + jwt + "\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("problemDetails").findValuesAsText("code")).contains("issuer_key");
  }

  @Test
  void malformedJson_is400WithAClearError() throws Exception {
    for (String body : List.of("{\"verifiableCredential\": ", "not json", "[1,2]", "",
        "{\"a\": 1, \"a\": 2}", "{\"verifiableCredential\": \"x\"} trailing", "[".repeat(100) + "]".repeat(100))) {
      HttpResponse<String> r = post("/credentials/verify", body);
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
      JsonNode p = json(r);
      assertThat(p.get("title").asText()).as(body).startsWith("Malformed");
      assertThat(p.get("detail").asText()).isNotBlank().doesNotContain("at com.").doesNotContain("Exception");
    }
  }

  @Test
  void garbageCredential_is400WithMalformedProblem() throws Exception {
    HttpResponse<String> r = post("/credentials/verify", "{\"verifiableCredential\": \"eyJhbGciOi.garbage.x\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("problemDetails").findValuesAsText("code")).contains("malformed");
  }

  @Test
  void bodyOver1MB_is413WithAndWithoutContentLength() throws Exception {
    byte[] big = ("{\"verifiableCredential\": \"" + "a".repeat(VcApiServer.MAX_BODY) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r = post("/credentials/verify", new String(big, StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(json(r).get("detail").asText()).contains("1048576");

    HttpRequest chunked = HttpRequest.newBuilder(server.uri().resolve("/credentials/verify"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
    assertThat(http.send(chunked, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);

    // A body of exactly the limit is read (and then judged on its content).
    String justFits = "{\"verifiableCredential\": \"" + "a".repeat(VcApiServer.MAX_BODY - 28) + "\"}";
    assertThat(justFits.getBytes(StandardCharsets.UTF_8)).hasSize(VcApiServer.MAX_BODY);
    r = post("/credentials/verify", justFits);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("verified").asBoolean()).isFalse();
  }

  @Test
  void aBodyDrippingInSlowerThanTheTimeout_is408_andFreesTheWorker() throws Exception {
    try (VcApiServer slow = configured().requestTimeout(Duration.ofMillis(800)).threads(1).start();
        java.net.Socket s = new java.net.Socket("127.0.0.1", slow.port())) {
      s.setSoTimeout(10_000);
      java.io.OutputStream o = s.getOutputStream();
      o.write(("POST /credentials/verify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      o.flush();
      long start = System.nanoTime();
      String status = null;
      java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
          StandardCharsets.US_ASCII));
      for (int i = 0; i < 40 && status == null; i++) {
        o.write('{');
        o.flush();
        Thread.sleep(200);
        if (s.getInputStream().available() > 0) {
          status = in.readLine();
        }
      }
      assertThat(status).startsWith("HTTP/1.1 408 ");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      // The client keeps the connection open and sends nothing more; the JDK server's request limit (5 s in this
      // test JVM, 60 s by default) ends the drain, and the only worker serves the next request.
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(slow.uri().resolve("/credentials/verify"))
          .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(400);
    }
  }

  @Test
  void issue_needsTheBearerToken() throws Exception {
    HttpResponse<String> r = post("/credentials/issue", "{\"credential\": " + CREDENTIAL + "}", false);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith(
        "Bearer"));
  }

  @Test
  void issue_refusesInvalidCredentialsAndForeignIssuers() throws Exception {
    HttpResponse<String> r = post("/credentials/issue", "{\"credential\": "
        + CREDENTIAL.replace("\"issuer\": \"" + ISSUER + "\"", "\"issuer\": \"did:web:impostor.example\"") + "}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("detail").asText()).contains("did:web:impostor.example");

    r = post("/credentials/issue", "{\"credential\": {\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], "
        + "\"type\": [\"VerifiableCredential\"]}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(json(r).get("problemDetails")).isNotEmpty();

    r = post("/credentials/issue", "{\"credential\": " + CREDENTIAL + ", \"options\": {\"proofType\": \"x\"}}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("detail").asText()).contains("proofType");

    r = post("/credentials/issue", "{\"options\": {}}");
    assertThat(r.statusCode()).isEqualTo(400);
  }

  @Test
  void issue_fillsTheIssuerAndCredentialId() throws Exception {
    String noIssuer = CREDENTIAL.replace("\"issuer\": \"" + ISSUER + "\",", "");
    HttpResponse<String> r = post("/credentials/issue", "{\"credential\": " + noIssuer
        + ", \"options\": {\"credentialId\": \"urn:uuid:7c0e3f2a-1b7d-4a53-9a51-2d7e0a6b9f10\"}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String payload = new String(java.util.Base64.getUrlDecoder().decode(jwtOf(r.body()).split("\\.")[1]),
        StandardCharsets.UTF_8);
    assertThat(JSON.readTree(payload).get("issuer").asText()).isEqualTo(ISSUER);
    assertThat(JSON.readTree(payload).get("id").asText()).startsWith("urn:uuid:7c0e3f2a");
  }

  @Test
  void presentations_vpJwtWithChallenge_verifies_andAReplayDoesNot() throws Exception {
    String jwt = jwtOf(issue());
    String vp = VpJwtPresentation.builder().signer(HOLDER_KEY.signer()).holder(HOLDER).keyId(HOLDER_KID)
        .credential(jwt).audience(AUD).nonce("challenge-1").build();
    String body = "{\"verifiablePresentation\": {\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], "
        + "\"type\": \"EnvelopedVerifiablePresentation\", \"id\": \"data:application/vp+jwt," + vp + "\"}, "
        + "\"options\": {\"challenge\": \"%s\", \"domain\": \"" + AUD + "\"}}";
    HttpResponse<String> r = post("/presentations/verify", body.formatted("challenge-1"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).get("holder").asText()).isEqualTo(HOLDER);

    r = post("/presentations/verify", body.formatted("challenge-2"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("problemDetails").findValuesAsText("code")).contains("nonce");

    r = post("/presentations/verify", "{\"verifiablePresentation\": \"" + vp + "\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("detail").asText()).contains("challenge");

    // A credential is not a presentation, and the other way round.
    r = post("/presentations/verify", "{\"verifiablePresentation\": \"" + jwt + "\", \"options\": "
        + "{\"challenge\": \"c\"}}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("detail").asText()).contains("/credentials/verify");
    r = post("/credentials/verify", "{\"verifiableCredential\": \"" + vp + "\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("detail").asText()).contains("/presentations/verify");
  }

  @Test
  void presentations_sdJwtWithKeyBinding_disclosesOnlyWhatWasChosen() throws Exception {
    String sdJwt = SdJwtVcIssuer.builder().signer(ISSUER_KEY.signer()).issuer(ISSUER).keyId(KID).build()
        .issue("https://zhixin.io/vct/identity", SdClaims.of(Map.of("name", "张三", "age_over_18", true,
            "resident_id", "11010519491231002X"), List.of("name", "age_over_18", "resident_id"), 2),
            HOLDER_KEY.publicJwk(), null, List.of());
    String presentation = SdJwtPresentation.builder(sdJwt).disclose("age_over_18")
        .keyBinding(HOLDER_KEY.signer(), AUD, "n-42").build();
    HttpResponse<String> r = post("/presentations/verify", "{\"verifiablePresentation\": {\"type\": "
        + "\"EnvelopedVerifiablePresentation\", \"id\": \"data:application/dc+sd-jwt," + presentation + "\"}, "
        + "\"options\": {\"challenge\": \"n-42\"}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode claims = json(r).at("/credentials/0/claims");
    assertThat(claims.get("age_over_18").asBoolean()).isTrue();
    assertThat(claims.has("name")).isFalse();
    assertThat(claims.has("resident_id")).isFalse();
  }

  @Test
  void wrongPathMethodOrMediaType_areTypedErrors() throws Exception {
    assertThat(post("/credentials/derive", "{}").statusCode()).isEqualTo(404);
    assertThat(post("/credentials/verify/extra", "{}").statusCode()).isEqualTo(404);
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(server.uri().resolve("/credentials/verify"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    HttpResponse<String> text = http.send(HttpRequest.newBuilder(server.uri().resolve("/credentials/verify"))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(post("/credentials/verify", "{\"verifiableCredential\": {\"type\": \"VerifiableCredential\", "
        + "\"proof\": {}}}").statusCode()).isEqualTo(400);
  }

  @Test
  void endpointsThatAreNotConfigured_do404() throws Exception {
    try (VcApiServer verifyOnly = VcApiServer.builder()
        .credentialVerifier(policy().ignoreAudience().ignoreNonce().build()).start()) {
      assertThat(verifyOnly.endpoints()).containsExactly("/credentials/verify");
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(verifyOnly.uri().resolve("/credentials/issue"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"credential\": " + CREDENTIAL + "}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void close_stopsListening() throws Exception {
    URI uri = server.uri().resolve("/credentials/verify");
    server.close();
    server.close(); // idempotent
    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}"))
        .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
  }

  @Test
  void builder_refusesIssuingWithoutAnAuthenticationChoiceAndServersWithoutEndpoints() {
    assertThatThrownBy(() -> VcApiServer.builder().issuer(ISSUER_KEY.signer(), ISSUER, KID).start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("issueBearerToken");
    assertThatThrownBy(() -> VcApiServer.builder().start()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> VcApiServer.builder().issueBearerToken("short")).isInstanceOf(
        IllegalArgumentException.class);
  }

  @Test
  void builder_portInUse_isATypedError() {
    assertThatThrownBy(() -> configured().port(server.port()).start())
        .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining(":" + server.port());
  }
}
