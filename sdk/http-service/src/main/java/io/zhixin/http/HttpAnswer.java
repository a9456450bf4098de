package io.zhixin.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP response from a protocol route: status, content type, extra headers and body. Server adapters copy it
 * onto their own response object. A 4xx or 5xx status is an ordinary answer, not an exception.
 *
 * @param status HTTP status code
 * @param contentType media type of the body, or null when there is no body
 * @param headers extra headers ({@code Cache-Control}, {@code WWW-Authenticate}, …)
 * @param body the body (empty for none)
 */
public record HttpAnswer(int status, String contentType, Map<String, String> headers, byte[] body) {

  public HttpAnswer {
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    body = body == null ? new byte[0] : body;
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** A copy with one more header. */
  public HttpAnswer withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new HttpAnswer(status, contentType, h, body);
  }

  @Override
  public String toString() {
    return "HttpAnswer{" + status + ", " + contentType + ", " + body.length + " bytes}";
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
