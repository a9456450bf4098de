package io.zhixin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zhixin.vcapi.VcApiServer;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
  @TempDir Path dir;
  CliRunner cli;
  String gov;
  final CompletableFuture<VcApiServer> started = new CompletableFuture<>();
  CompletableFuture<Integer> exit;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRunner(dir);
    gov = cli.did("gov");
    ServeCommand.onStart = started::complete;
  }

  @AfterEach
  void tearDown() throws Exception {
    ServeCommand.onStart = null;
    if (started.isDone()) {
      started.get().close();
    }
    if (exit != null) {
      assertThat(exit.get(10, TimeUnit.SECONDS)).as(cli.err).isZero();
    }
  }

  VcApiServer serve(String... args) throws Exception {
    exit = CompletableFuture.supplyAsync(() -> cli.run(args));
    return CompletableFuture.anyOf(started, exit).thenApply(x -> {
      if (!started.isDone()) {
        throw new AssertionError("serve exited with " + x + ": " + cli.err);
      }
      return started.join();
    }).get(30, TimeUnit.SECONDS);
  }

  static HttpResponse<String> post(HttpClient http, VcApiServer server, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void serve_issuesAndVerifies_overHttp_andStopsCleanly() throws Exception {
    VcApiServer server = serve(cli.withStore("serve", "--port", "0", "--key", "gov", "--trusted-issuer", gov,
        "--ignore-status"));
    assertThat(server.endpoints()).containsExactly("/credentials/issue", "/credentials/verify",
        "/presentations/verify");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> issued = post(http, server, "/credentials/issue", "{\"credential\": "
        + VcCommandTest.RESIDENCE + "}");
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    JsonNode vc = CliRunner.JSON.readTree(issued.body()).get("verifiableCredential");
    assertThat(vc.get("id").asText()).startsWith("data:application/vc+jwt,ey");

    HttpResponse<String> verified = post(http, server, "/credentials/verify", "{\"verifiableCredential\": " + vc
        + "}");
    assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
    HttpResponse<String> malformed = post(http, server, "/credentials/verify", "{oops");
    assertThat(malformed.statusCode()).isEqualTo(400);

    server.close();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(cli.out.trim()).isEqualTo(server.uri().toString());
    assertThat(cli.err).contains("warning: anyone who can reach 127.0.0.1");
  }

  @Test
  void serve_https_withAKeytoolCertificate() throws Exception {
    Path p12 = dir.resolve("server.p12");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(),
        "-storepass", "server-pass", "-keypass", "server-pass").redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(log).isZero();
    Path pass = cli.file("cert-pass", "server-pass\n");
    Path token = cli.file("token", "a-long-enough-issuer-token\n");

    VcApiServer server = serve(cli.withStore("serve", "--port", "0", "--https", "--cert-keystore", p12.toString(),
        "--cert-password-file", pass.toString(), "--key", "gov", "--issue-token-file", token.toString()));
    assertThat(server.uri().getScheme()).isEqualTo("https");

    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, "server-pass".toCharArray());
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", ks.getCertificate("server"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    HttpClient https = HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1).build();

    assertThat(post(https, server, "/credentials/issue", "{\"credential\": " + VcCommandTest.RESIDENCE + "}")
        .statusCode()).isEqualTo(401);
    HttpResponse<String> issued = https.send(HttpRequest.newBuilder(server.uri().resolve("/credentials/issue"))
        .header("Authorization", "Bearer a-long-enough-issuer-token")
        .POST(HttpRequest.BodyPublishers.ofString("{\"credential\": " + VcCommandTest.RESIDENCE + "}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
  }

  @Test
  void serve_refusesUnsafeOrBrokenConfigurations_withOneLine() throws Exception {
    assertThat(cli.run(cli.withStore("serve", "--port", "0", "--host", "0.0.0.0", "--key", "gov"))).isEqualTo(1);
    cli.assertOneLineError("--issue-token-file");
    Path p12 = cli.file("not.p12", "not a key store");
    Path pass = cli.file("pass", "x\n");
    assertThat(cli.run("serve", "--port", "0", "--https", "--cert-keystore", p12.toString(),
        "--cert-password-file", pass.toString())).isEqualTo(1);
    cli.assertOneLineError("not.p12");
    assertThat(cli.run("serve", "--port", "70000")).isEqualTo(1);
    cli.assertOneLineError("--port");
    assertThat(cli.run("serve", "--port", "0", "--issuer", gov)).isEqualTo(1);
    cli.assertOneLineError("go with --key");
    assertThat(started.isDone()).isFalse();
  }
}
