package io.zhixin.wallet.internal;

import io.zhixin.wallet.WalletException;
import io.zhixin.wallet.WalletException.Reason;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The wallet's HTTP client: https, or http to loopback only; timeouts; no redirects. Not part of the API. */
public final class WalletHttp {
  private static final int MAX_BODY = 1024 * 1024;
  private final HttpClient client;
  private final boolean allowHttp;

  public WalletHttp(boolean allowHttp) {
    this.allowHttp = allowHttp;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** A response: status and body text. */
  public record Answer(int status, String contentType, String body) {}

  /** Checks that {@code url} may be called: https, or http to a loopback host (or anywhere when allowed). */
  public URI check(String url, Reason reason) {
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new WalletException(reason, "not a URL: " + clip(url));
    }
    String host = u.getHost();
    boolean loopback = host != null && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"));
    if (!"https".equals(u.getScheme()) && !("http".equals(u.getScheme()) && (loopback || allowHttp))) {
      throw new WalletException(reason, "refusing a non-https URL: " + clip(url));
    }
    return u;
  }

  public Answer get(String url, String accept, Reason reason) {
    return send(HttpRequest.newBuilder(check(url, reason)).header("Accept", accept).GET(), reason);
  }

  public Answer postForm(String url, String form, String bearer, Reason reason) {
    HttpRequest.Builder b = HttpRequest.newBuilder(check(url, reason))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return send(b, reason);
  }

  public Answer postJson(String url, String json, String bearer, Reason reason) {
    HttpRequest.Builder b = HttpRequest.newBuilder(check(url, reason)).header("Content-Type", "application/json")
        .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return send(b, reason);
  }

  private Answer send(HttpRequest.Builder b, Reason reason) {
    try {
      HttpResponse<byte[]> r = client.send(b.timeout(Duration.ofSeconds(15)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (r.body().length > MAX_BODY) {
        throw new WalletException(reason, "answer from " + r.uri() + " is larger than " + MAX_BODY + " bytes");
      }
      return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
          new String(r.body(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new WalletException(Reason.IO, "cannot reach " + b.build().uri() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WalletException(Reason.IO, "interrupted while calling " + b.build().uri());
    }
  }

  public static String clip(String s) {
    return s == null ? "null" : s.length() > 100 ? s.substring(0, 100) + "…" : s;
  }
}
