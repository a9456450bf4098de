package io.zhixin.vcapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a self-signed certificate made by the JDK's keytool, trusted by the client. */
class VcApiServerHttpsTest {
  static final char[] PASSWORD = "changeit-server".toCharArray();
  @TempDir static Path dir;
  static Path p12;

  @BeforeAll
  static void makeCertificate() throws Exception {
    p12 = dir.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "vc-api", "-keyalg", "EC",
        "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=127.0.0.1", "-ext",
        "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(),
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  static SSLContext trusting(Path p12) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, PASSWORD);
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", ks.getCertificate("vc-api"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  @Test
  void https_issueAndVerify_withTheConfiguredCertificate() throws Exception {
    try (VcApiServer server = VcApiServerTest.configured().tls(p12, PASSWORD).start()) {
      assertThat(server.uri().getScheme()).isEqualTo("https");
      HttpClient client = HttpClient.newBuilder().sslContext(trusting(p12)).version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> issued = client.send(HttpRequest.newBuilder(server.uri().resolve("/credentials/issue"))
          .header("Content-Type", "application/json").header("Authorization", "Bearer " + VcApiServerTest.TOKEN)
          .POST(HttpRequest.BodyPublishers.ofString("{\"credential\": " + VcApiServerTest.CREDENTIAL + "}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
      String vc = new ObjectMapper().readTree(issued.body()).get("verifiableCredential").toString();
      HttpResponse<String> verified = client.send(HttpRequest.newBuilder(server.uri().resolve(
          "/credentials/verify")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"verifiableCredential\": " + vc + "}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
      assertThat(verified.sslSession()).hasValueSatisfying(s -> assertThat(List.of("TLSv1.3", "TLSv1.2"))
          .contains(s.getProtocol()));

      // A client that does not trust the certificate gets no connection.
      HttpClient untrusting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(server.uri().resolve("/credentials/verify"))
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void tls_wrongPasswordOrMissingFile_isATypedError() {
    assertThatThrownBy(() -> VcApiServer.builder().tls(p12, "wrong".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wrong password");
    assertThatThrownBy(() -> VcApiServer.builder().tls(dir.resolve("absent.p12"), PASSWORD))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no certificate key store");
  }
}
