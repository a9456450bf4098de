package io.zhixin.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDK server adapter over real HTTP on loopback, and the JSON helpers the services build on. */
class HttpTest {
  final List<Throwable> logged = new CopyOnWriteArrayList<>();
  final System.Logger log = new System.Logger() {
    @Override
    public String getName() {
      return "test";
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      logged.add(thrown);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {}
  };
  final HttpClient http = HttpClient.newHttpClient();
  final AtomicReference<HttpCall> seen = new AtomicReference<>();
  HttpServer server;
  String url;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    Function<HttpCall, HttpAnswer> echo = c -> {
      seen.set(c);
      if (c.path().equals("/boom")) {
        throw new IllegalStateException("secret detail that must not reach the client");
      }
      return Http.json(200, Http.object().put("path", c.path()).put("bytes", c.body().length));
    };
    Http.mount(server, "/svc/", echo, log);
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/svc";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  HttpResponse<String> post(String path, byte[] body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return Http.json().readTree(r.body());
  }

  @Test
  void mount_bodyOverLimit_413WithoutCallingHandler() throws Exception {
    HttpResponse<String> r = post("/x", new byte[Http.MAX_BODY + 1]);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(json(r).path("error").asText()).isEqualTo("invalid_request");
    assertThat(json(r).path("error_description").asText()).contains(String.valueOf(Http.MAX_BODY));
    assertThat(seen.get()).isNull();
  }

  @Test
  void mount_bodyAtLimit_handedOnWhole() throws Exception {
    HttpResponse<String> r = post("/x", new byte[Http.MAX_BODY]);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).path("bytes").asInt()).isEqualTo(Http.MAX_BODY);
  }

  @Test
  void mount_handlerThrows_500WithoutDetailAndLogged() throws Exception {
    HttpResponse<String> r = post("/boom", new byte[0]);
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(json(r).path("error").asText()).isEqualTo("server_error");
    assertThat(r.body()).doesNotContain("secret");
    assertThat(logged).singleElement().isInstanceOf(IllegalStateException.class);
  }

  @Test
  void mount_ownLimitAndAnswers_usedForOversizedBodiesAndFailures() throws Exception {
    HttpAnswer tooLarge = new HttpAnswer(413, "text/html; charset=utf-8", Map.of(), "<p>too large</p>".getBytes(
        StandardCharsets.UTF_8));
    HttpAnswer failed = new HttpAnswer(500, "text/html; charset=utf-8", Map.of(), "<p>try later</p>".getBytes(
        StandardCharsets.UTF_8));
    Http.mount(server, "/pages", c -> {
      if (c.path().equals("/boom")) {
        throw new IllegalStateException("secret detail");
      }
      return Http.bytes(200, "text/html; charset=utf-8", c.body());
    }, 16, tooLarge, failed, log);
    String pages = url.replace("/svc", "/pages");

    HttpResponse<String> fits = http.send(HttpRequest.newBuilder(URI.create(pages + "/form"))
        .POST(HttpRequest.BodyPublishers.ofString("a".repeat(16))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(fits.statusCode()).isEqualTo(200);
    assertThat(fits.body()).isEqualTo("a".repeat(16));
    assertThat(fits.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");

    HttpResponse<String> over = http.send(HttpRequest.newBuilder(URI.create(pages + "/form"))
        .POST(HttpRequest.BodyPublishers.ofString("a".repeat(17))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(over.statusCode()).isEqualTo(413);
    assertThat(over.body()).isEqualTo("<p>too large</p>");

    HttpResponse<String> boom = http.send(HttpRequest.newBuilder(URI.create(pages + "/boom")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(boom.statusCode()).isEqualTo(500);
    assertThat(boom.body()).isEqualTo("<p>try later</p>");
    assertThat(logged).singleElement().isInstanceOf(IllegalStateException.class);
  }

  @Test
  void mount_request_pathBelowBaseRawQueryAndHeaders() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/a%20b?x=1%202&y=z"))
        .header("X-Trace", "t1").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    HttpCall c = seen.get();
    assertThat(c.method()).isEqualTo("GET");
    assertThat(c.path()).isEqualTo("/a%20b");
    assertThat(c.query()).isEqualTo("x=1%202&y=z");
    assertThat(c.header("x-trace")).isEqualTo("t1");

    http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(seen.get().path()).isEqualTo("/");
  }

  @Test
  void mount_jsonAnswer_utf8CharsetAndNoStore() throws Exception {
    HttpResponse<String> r = post("/x", "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json;charset=utf-8");
    assertThat(r.headers().firstValue("cache-control")).hasValue("no-store");
  }

  @Test
  void mount_head_headersWithoutBody() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/x"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
    assertThat(seen.get().method()).isEqualTo("HEAD");
  }

  @Test
  void parseObject_notOneStrictJsonObject_null() {
    for (String bad : List.of("", "{", "[]", "\"s\"", "null", "{\"a\":1} {}", "{\"a\":1,\"a\":2}", "{'a':1}")) {
      assertThat(Http.parseObject(bad.getBytes(StandardCharsets.UTF_8))).as(bad).isNull();
    }
    assertThat(Http.parseObject("{\"a\":[1]}".getBytes(StandardCharsets.UTF_8)).path("a").get(0).asInt())
        .isEqualTo(1);
  }

  @Test
  void parseObject_nestedDeeperThan32_null() {
    String ok = "{\"a\":" + "[".repeat(30) + "]".repeat(30) + "}";
    String deep = "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}";
    assertThat(Http.parseObject(ok.getBytes(StandardCharsets.UTF_8))).isNotNull();
    assertThat(Http.parseObject(deep.getBytes(StandardCharsets.UTF_8))).isNull();
  }

  @Test
  void contentType_parametersAndCase_ignored() {
    HttpCall form = new HttpCall("POST", "/token", "",
        Map.of("Content-Type", List.of("Application/X-WWW-Form-Urlencoded ; charset=UTF-8")), null);
    assertThat(Http.contentType(form, "application/x-www-form-urlencoded")).isTrue();
    assertThat(Http.contentType(form, "application/json")).isFalse();
    assertThat(Http.contentType(HttpCall.of("POST", "/token"), "application/json")).isFalse();
  }

  @Test
  void error_withAndWithoutDescription_oauthShape() throws Exception {
    HttpAnswer a = Http.error(400, "invalid_grant", "wrong tx_code");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.contentType()).isEqualTo("application/json");
    assertThat(a.headers()).containsEntry("Cache-Control", "no-store");
    assertThat(Http.json().readTree(a.body()).toString())
        .isEqualTo("{\"error\":\"invalid_grant\",\"error_description\":\"wrong tx_code\"}");
    assertThat(Http.error(404, "not_found", null).bodyText()).isEqualTo("{\"error\":\"not_found\"}");
  }
}
