package io.zhixin.credentials.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpStatusListFetcherTest {
  HttpServer server;
  String base;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/status/1", ex -> {
      byte[] b = "eyJ.list.jwt\n".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(b);
      }
    });
    server.createContext("/moved", ex -> {
      ex.getResponseHeaders().add("Location", "/status/1");
      ex.sendResponseHeaders(302, -1);
      ex.close();
    });
    server.createContext("/huge", ex -> {
      ex.sendResponseHeaders(200, 0);
      try (OutputStream o = ex.getResponseBody()) {
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 40; i++) {
          o.write(chunk);
        }
      } catch (java.io.IOException ignored) {
        // the client stops reading
      }
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void fetch_loopbackHttp_returnsTheBody() {
    assertThat(HttpStatusListFetcher.insecureAllowingHttp(Duration.ofSeconds(5)).fetch(base + "/status/1")).isEqualTo("eyJ.list.jwt");
  }

  @Test
  void fetch_plainHttp_isRefusedByDefault_evenFromLoopback() {
    assertThatThrownBy(() -> HttpStatusListFetcher.create(Duration.ofSeconds(5)).fetch(base + "/status/1"))
        .isInstanceOf(StatusListException.class).hasMessageContaining("must be https");
  }

  @Test
  void fetch_failures_areStatusListExceptions() {
    HttpStatusListFetcher f = HttpStatusListFetcher.insecureAllowingHttp(Duration.ofSeconds(5));
    assertThatThrownBy(() -> f.fetch(base + "/missing")).isInstanceOf(StatusListException.class)
        .hasMessageContaining("404");
    assertThatThrownBy(() -> f.fetch(base + "/huge")).isInstanceOf(StatusListException.class)
        .hasMessageContaining("larger than");
    assertThatThrownBy(() -> f.fetch("http://status.example.com/1")).isInstanceOf(StatusListException.class)
        .hasMessageContaining("must be https");
    // The URL comes from a credential: no redirect may take the fetcher somewhere else.
    assertThatThrownBy(() -> f.fetch(base + "/moved")).isInstanceOf(StatusListException.class)
        .hasMessageContaining("302");
    assertThatThrownBy(() -> f.fetch("file:///etc/passwd")).isInstanceOf(StatusListException.class);
    assertThatThrownBy(() -> f.fetch("not a url")).isInstanceOf(StatusListException.class);
  }
}
