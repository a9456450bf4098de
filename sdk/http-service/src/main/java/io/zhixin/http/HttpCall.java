package io.zhixin.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as the protocol routes see it, independent of the server library: method, the path below the
 * mount point, the raw query string, headers and body. The OpenID4VCI issuer and the OpenID4VP verifier
 * ({@code CredentialIssuerService}, {@code VerifierService}) take this one type: their {@code mount(server, basePath)}
 * builds these from the JDK's HTTP server, and a portal on another server library builds one per request and calls
 * the service's {@code handle(HttpCall)}, with the same adapter for both services.
 *
 * <p>Immutable apart from the body array, which is handed on as given (do not change it afterwards).
 * {@link #toString()} never prints headers or the body, which may carry tokens.
 *
 * @param method upper-case method, e.g. {@code POST}
 * @param path path below the mount point, starting with {@code /}
 * @param query raw (still percent-encoded) query string, or empty
 * @param headers header values by lower-case name
 * @param body request body (empty for none)
 */
public record HttpCall(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

  /** Normalises the method to upper case and header names to lower case. */
  public HttpCall {
    method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
    path = Objects.requireNonNull(path, "path").isEmpty() ? "/" : path;
    query = query == null ? "" : query;
    Map<String, List<String>> h = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach((k, v) -> h.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new java.util.ArrayList<>())
          .addAll(v));
    }
    headers = Collections.unmodifiableMap(h);
    body = body == null ? new byte[0] : body;
  }

  /** A request without headers or body (tests, GET routes). */
  public static HttpCall of(String method, String path) {
    int q = path.indexOf('?');
    return new HttpCall(method, q < 0 ? path : path.substring(0, q), q < 0 ? "" : path.substring(q + 1), Map.of(),
        new byte[0]);
  }

  /** The first value of a header (case-insensitive), or null. */
  public String header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The decoded query parameters (first value of each). */
  public Map<String, String> queryParameters() {
    return decodeForm(query);
  }

  /**
   * Decodes {@code application/x-www-form-urlencoded} text; the first value of a repeated name wins.
   *
   * @throws IllegalArgumentException if a percent escape is malformed (e.g. {@code %zz})
   */
  public static Map<String, String> decodeForm(String form) {
    Map<String, String> out = new LinkedHashMap<>();
    if (form == null || form.isEmpty()) {
      return out;
    }
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(k, v);
    }
    return out;
  }

  @Override
  public String toString() {
    // Bodies and headers may carry tokens: never print them.
    return "HttpCall{" + method + " " + path + "}";
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
