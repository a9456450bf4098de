package io.zhixin.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The building blocks of an HTTP protocol service on {@link HttpCall} and {@link HttpAnswer}, as the OpenID4VCI issuer
 * and the OpenID4VP verifier use them: {@link #mount mounting} a route on the JDK HTTP server (256 KiB body limit,
 * 413 beyond it, a 500 without detail for an unexpected exception), strict JSON parsing, uncacheable JSON answers and
 * OAuth error bodies, and form decoding.
 */
public final class Http {
  /** Largest request body read, in bytes. */
  static final int MAX_BODY = 256 * 1024;
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
  }

  private Http() {}

  /**
   * The shared strict mapper: duplicate keys and trailing tokens are errors, nesting is limited to 32 levels.
   * Do not reconfigure it.
   */
  public static ObjectMapper json() {
    return JSON;
  }

  /** A new, empty JSON object to build an answer in. */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Parses a JSON object, or returns null when the text is not one. */
  public static ObjectNode parseObject(byte[] body) {
    try {
      JsonNode n = JSON.readTree(body);
      return n != null && n.isObject() ? (ObjectNode) n : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static final Map<String, String> NO_STORE = Map.of("Cache-Control", "no-store");

  /** A JSON answer that must not be cached (every protocol answer here carries codes, nonces or tokens). */
  public static HttpAnswer json(int status, JsonNode body) {
    try {
      return new HttpAnswer(status, "application/json", NO_STORE, JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An OAuth / OpenID4VCI / OpenID4VP error answer: {@code {"error": code, "error_description": description}}. */
  public static HttpAnswer error(int status, String code, String description) {
    ObjectNode n = object().put("error", code);
    if (description != null) {
      n.put("error_description", description);
    }
    return json(status, n);
  }

  /** An answer with a ready-made body (a QR code PNG, a signed request object, serialised JSON), not cached. */
  public static HttpAnswer bytes(int status, String contentType, byte[] body) {
    return new HttpAnswer(status, contentType, NO_STORE, body);
  }

  /** Whether the request's content type is {@code expected} (parameters such as charset ignored). */
  public static boolean contentType(HttpCall call, String expected) {
    String ct = call.header("content-type");
    if (ct == null) {
      return false;
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).trim().equalsIgnoreCase(expected);
  }

  /**
   * Serves {@code handler} under {@code basePath} of a JDK HTTP server: the path handed on is relative to
   * {@code basePath}; oversized bodies get 413; an unexpected exception becomes a 500 without detail.
   */
  public static void mount(HttpServer server, String basePath, Function<HttpCall, HttpAnswer> handler,
      System.Logger log) {
    mount(server, basePath, handler, MAX_BODY,
        error(413, "invalid_request", "the request body exceeds " + MAX_BODY + " bytes"),
        error(500, "server_error", "the request could not be processed"), log);
  }

  /**
   * {@link #mount(HttpServer, String, Function, System.Logger)} with another body limit, and the answers for a body
   * over it and for an unexpected exception: a web page's, say, rather than OAuth error objects.
   */
  public static void mount(HttpServer server, String basePath, Function<HttpCall, HttpAnswer> handler, int maxBody,
      HttpAnswer tooLarge, HttpAnswer failed, System.Logger log) {
    String base = basePath == null || basePath.equals("/") ? "" : stripSlash(basePath);
    server.createContext(base.isEmpty() ? "/" : base, ex -> {
      try (ex) {
        HttpAnswer answer;
        byte[] body = readBody(ex, maxBody);
        if (body == null) {
          answer = tooLarge;
        } else {
          String raw = ex.getRequestURI().getRawPath();
          String rel = raw.length() >= base.length() ? raw.substring(base.length()) : "/";
          Map<String, java.util.List<String>> headers = new LinkedHashMap<>(ex.getRequestHeaders());
          HttpCall call = new HttpCall(ex.getRequestMethod(), rel.isEmpty() ? "/" : rel,
              ex.getRequestURI().getRawQuery(), headers, body);
          try {
            answer = handler.apply(call);
          } catch (RuntimeException e) {
            log.log(System.Logger.Level.WARNING, "request " + call + " failed", e);
            answer = failed;
          }
        }
        send(ex, answer);
      }
    });
  }

  private static String stripSlash(String p) {
    String s = p.startsWith("/") ? p : "/" + p;
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static byte[] readBody(HttpExchange ex, int maxBody) throws IOException {
    InputStream in = ex.getRequestBody();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int r;
    while ((r = in.read(buf)) > 0) {
      if (out.size() + r > maxBody) {
        in.transferTo(OutputStream.nullOutputStream());
        return null;
      }
      out.write(buf, 0, r);
    }
    return out.toByteArray();
  }

  private static void send(HttpExchange ex, HttpAnswer a) throws IOException {
    a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    if (a.contentType() != null) {
      ex.getResponseHeaders().set("Content-Type", a.contentType()
          + (a.contentType().startsWith("application/json") ? ";charset=utf-8" : ""));
    }
    byte[] body = a.body();
    if ("HEAD".equals(ex.getRequestMethod()) || body.length == 0) {
      ex.sendResponseHeaders(a.status(), -1);
    } else {
      ex.sendResponseHeaders(a.status(), body.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(body);
      }
    }
  }

  /**
   * The {@code application/x-www-form-urlencoded} body, or null when it is not validly encoded (a broken
   * {@code %} escape): callers answer that with 400 {@code invalid_request}, not a server error.
   */
  public static Map<String, String> form(HttpCall call) {
    try {
      return HttpCall.decodeForm(utf8(call.body()));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
