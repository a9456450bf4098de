package io.zhixin.vcapi.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Request bodies with a size limit, strict JSON, and JSON / problem responses. Not part of the API. */
public final class Http {

  /** Bodies over the limit are read and discarded up to this many bytes so that the client sees the 413. */
  private static final long DRAIN_LIMIT = 16L * 1024 * 1024;
  /** JSON nesting limit for request bodies; credentials nest a handful of levels. */
  private static final int MAX_DEPTH = 64;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
  }

  private Http() {}

  /** The request was refused; {@link #status} and a problem body are sent. */
  public static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    public final int status;
    public final String title;

    public Refusal(int status, String title, String detail) {
      super(detail, null, false, false);
      this.status = status;
      this.title = title;
    }
  }

  /**
   * Reads the body, refusing more than {@code max} bytes with 413 (after draining a bounded amount so the client
   * can read the answer), and a body still arriving after {@code timeoutNanos} with 408. The deadline is checked
   * between reads, which stops a client that drips bytes; one that sends nothing at all blocks a read, which only
   * the JDK server's {@code sun.net.httpserver.maxReqTime} can end.
   */
  public static byte[] body(HttpExchange ex, int max, long timeoutNanos) throws IOException, Refusal {
    long deadline = System.nanoTime() + timeoutNanos;
    String len = ex.getRequestHeaders().getFirst("Content-Length");
    InputStream in = ex.getRequestBody();
    if (len != null) {
      long n;
      try {
        n = Long.parseLong(len.trim());
      } catch (NumberFormatException e) {
        throw new Refusal(400, "Bad request", "Content-Length is not a number");
      }
      if (n > max) {
        drain(in);
        throw tooLarge(max);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 64 * 1024));
    byte[] buf = new byte[16 * 1024];
    int r;
    while ((r = in.read(buf)) > 0) {
      if (out.size() + r > max) {
        drain(in);
        throw tooLarge(max);
      }
      out.write(buf, 0, r);
      if (System.nanoTime() - deadline > 0) {
        ex.getResponseHeaders().set("Connection", "close");
        throw new Refusal(408, "Request timeout", "the request body did not arrive within "
            + timeoutNanos / 1_000_000_000L + " s");
      }
    }
    return out.toByteArray();
  }

  private static Refusal tooLarge(int max) {
    return new Refusal(413, "Payload too large", "the request body exceeds " + max + " bytes");
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buf = new byte[16 * 1024];
    long total = 0;
    int r;
    while (total < DRAIN_LIMIT && (r = in.read(buf)) > 0) {
      total += r;
    }
  }

  /** Parses a JSON object body; malformed JSON, duplicate members and non-objects are a 400. */
  public static JsonNode object(byte[] body) throws Refusal {
    if (body.length == 0) {
      throw new Refusal(400, "Malformed JSON", "the request body is empty; expected a JSON object");
    }
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new Refusal(400, "Malformed JSON", "the request body is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")"));
    } catch (IOException e) {
      throw new Refusal(400, "Malformed JSON", "the request body could not be read as JSON");
    }
    if (n == null || !n.isObject()) {
      throw new Refusal(400, "Malformed request", "the request body must be a JSON object");
    }
    return n;
  }

  /** The shared mapper (thread-safe). */
  public static ObjectMapper json() {
    return JSON;
  }

  /** Sends {@code body} as JSON with {@code status}. */
  public static void send(HttpExchange ex, int status, Object body) throws IOException {
    send(ex, status, "application/json", body);
  }

  /** Sends an RFC 9457 problem with {@code status}. */
  public static void problem(HttpExchange ex, int status, String title, String detail) throws IOException {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "about:blank");
    p.put("title", title);
    p.put("status", status);
    p.put("detail", detail);
    send(ex, status, "application/problem+json", p);
  }

  private static void send(HttpExchange ex, int status, String type, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
