package io.zhixin.did.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.zhixin.did.Did;
import io.zhixin.did.DidDocument;
import io.zhixin.did.DidResolutionException;
import io.zhixin.did.DidResolutionResult;
import io.zhixin.did.DidResolver;
import io.zhixin.did.KeyFormat;
import io.zhixin.did.ResolutionError;
import io.zhixin.did.VerificationRelationship;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** did:web against a real HTTPS server on 127.0.0.1 with a self-signed certificate made for this run. */
class DidWebTest {
  private static final char[] PASS = "changeit".toCharArray();

  @TempDir
  static Path tmp;

  private static Path webRoot;
  private static HttpsServer server;
  private static SSLContext tls;
  private static DidResolver resolver;
  private static String host;

  @BeforeAll
  static void startServer() throws Exception {
    KeyStore ks = selfSignedKeyStore(tmp.resolve("server.p12"));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASS);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);

    webRoot = Files.createDirectories(tmp.resolve("www"));
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    server.createContext("/", exchange -> {
      Path file = webRoot.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
      try (exchange; OutputStream out = exchange.getResponseBody()) {
        if (!file.startsWith(webRoot) || !Files.isRegularFile(file)) {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        byte[] body = Files.readAllBytes(file);
        exchange.getResponseHeaders().add("Content-Type", "application/did+ld+json");
        exchange.sendResponseHeaders(200, body.length);
        out.write(body);
      }
    });
    server.start();
    host = "127.0.0.1:" + server.getAddress().getPort();
    resolver = DidResolver.builder()
        .method(DidWeb.method(DidWebFetcher.builder().sslContext(tls).requestTimeout(Duration.ofSeconds(5)).build()))
        .build();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static KeyStore selfSignedKeyStore(Path file) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "1",
        "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", new String(PASS), "-keypass",
        new String(PASS)).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + new String(output));
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, PASS);
    }
    return ks;
  }

  @Test
  void publishThenResolve_rootDid() throws Exception {
    KeyPair key = KeyPair.generate(KeyType.P256);
    Did did = DidWeb.create(host);
    assertThat(did.toString()).isEqualTo("did:web:127.0.0.1%3A" + server.getAddress().getPort());
    Path written = DidWeb.publish(DidWeb.document(did, KeyFormat.JSON_WEB_KEY, List.of(key.publicJwk())), webRoot);
    assertThat(written).isEqualTo(webRoot.resolve(".well-known/did.json"));

    DidResolutionResult r = resolver.resolve(did.toString());
    assertThat(r.isSuccess()).as("%s", r.resolutionMetadata()).isTrue();
    DidDocument doc = r.orElseThrow();
    assertThat(doc.verificationMethods(VerificationRelationship.ASSERTION_METHOD)).hasSize(1);
    JWK jwk = resolver.dereference(did + "#key-1").publicJwk().orElseThrow();
    assertThat(jwk).isEqualTo(key.publicJwk());
  }

  @Test
  void publishThenResolve_pathDidWithTwoKeys() throws Exception {
    KeyPair a = KeyPair.generate(KeyType.ED25519);
    KeyPair b = KeyPair.generate(KeyType.SECP256K1);
    Did did = DidWeb.create(host, "dept", "tax");
    Path written = DidWeb.publish(DidWeb.document(did, KeyFormat.MULTIKEY, List.of(a.publicJwk(), b.publicJwk())),
        webRoot);
    assertThat(written).isEqualTo(webRoot.resolve("dept/tax/did.json"));
    assertThat(resolver.dereference(did + "#key-2").publicJwk()).contains(b.publicJwk());
    assertThat(resolver.dereference(did + "#key-1").publicJwk()).contains(a.publicJwk());
  }

  @Test
  void resolve_unpublished_notFound() {
    DidResolutionResult r = resolver.resolve(DidWeb.create(host, "nobody").toString());
    assertThat(r.error()).contains(ResolutionError.NOT_FOUND);
  }

  @Test
  void resolve_documentOfAnotherDid_invalidDidDocument() throws Exception {
    Did other = DidWeb.create("example.com");
    Path target = webRoot.resolve("impostor/did.json");
    Files.createDirectories(target.getParent());
    Files.writeString(target, DidWeb.document(other, KeyFormat.JSON_WEB_KEY,
        List.of(KeyPair.generate(KeyType.P256).publicJwk())).toJson());
    assertThat(resolver.resolve(DidWeb.create(host, "impostor")).error()).contains(ResolutionError.INVALID_DID_DOCUMENT);
  }

  @Test
  void resolve_malformedJson_invalidDidDocument() throws Exception {
    Path target = webRoot.resolve("broken/did.json");
    Files.createDirectories(target.getParent());
    Files.writeString(target, "{\"id\": \"did:web:" + host.replace(":", "%3A") + ":broken\", ");
    assertThat(resolver.resolve(DidWeb.create(host, "broken")).error()).contains(ResolutionError.INVALID_DID_DOCUMENT);
  }

  @Test
  void resolve_untrustedCertificate_internalError() {
    DidResolver strict = DidResolver.builder().method(DidWeb.method()).build();
    DidResolutionResult r = strict.resolve(DidWeb.create(host));
    assertThat(r.error()).contains(ResolutionError.INTERNAL_ERROR);
    assertThat(r.resolutionMetadata().errorMessage().orElseThrow()).contains("https://127.0.0.1");
  }

  @Test
  void resolve_serverGone_internalError() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    assertThat(resolver.resolve(DidWeb.create("127.0.0.1:" + port)).error()).contains(ResolutionError.INTERNAL_ERROR);
  }

  @Test
  void url_mapsHostPortAndPath() {
    assertThat(DidWeb.url(Did.parse("did:web:w3c-ccg.github.io")))
        .isEqualTo(URI.create("https://w3c-ccg.github.io/.well-known/did.json"));
    assertThat(DidWeb.url(Did.parse("did:web:w3c-ccg.github.io:user:alice")))
        .isEqualTo(URI.create("https://w3c-ccg.github.io/user/alice/did.json"));
    assertThat(DidWeb.url(Did.parse("did:web:example.com%3A3000:user:alice")))
        .isEqualTo(URI.create("https://example.com:3000/user/alice/did.json"));
  }

  @Test
  void url_badHostPortOrPath_invalidDid() {
    for (String bad : new String[] {"did:web:example.com:..:secret", "did:web:example.com:a%2Fb",
        "did:web:-bad-.com", "did:web:example.com%3A99999", "did:web:exa%40mple.com", "did:web:example.com::x"}) {
      assertThatThrownBy(() -> DidWeb.url(Did.parse(bad))).as(bad)
          .isInstanceOfSatisfying(DidResolutionException.class,
              e -> assertThat(e.error()).isEqualTo(ResolutionError.INVALID_DID));
      assertThat(resolver.resolve(bad).error()).as(bad).contains(ResolutionError.INVALID_DID);
    }
  }
}
