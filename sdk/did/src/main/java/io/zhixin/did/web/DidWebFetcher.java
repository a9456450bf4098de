package io.zhixin.did.web;

import io.zhixin.did.web.internal.HttpDidWebFetcher;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Fetches a did:web document over HTTPS. Pluggable so that deployments can add proxies, pinning or an allow-list;
 * implementations must be thread-safe.
 */
public interface DidWebFetcher {

  /**
   * GETs {@code url} (always {@code https}).
   *
   * @return the status code and body
   * @throws IOException on network failures (reported as {@code internalError}, which callers may retry)
   */
  Response fetch(URI url) throws IOException;

  /** An HTTP response: status code and body. */
  final class Response {
    private final int status;
    private final byte[] body;

    private Response(int status, byte[] body) {
      this.status = status;
      this.body = body;
    }

    /** A response with {@code status} and {@code body}. */
    public static Response of(int status, byte[] body) {
      return new Response(status, Objects.requireNonNull(body, "body").clone());
    }

    public int status() {
      return status;
    }

    /** The body (a copy). */
    public byte[] body() {
      return body.clone();
    }
  }

  /** The default fetcher: {@link java.net.http.HttpClient}, system trust store, 5 s connect and 10 s request timeouts. */
  static DidWebFetcher https() {
    return builder().build();
  }

  /** A builder for the default fetcher with a custom trust store or limits. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds the default, {@link java.net.http.HttpClient}-based fetcher. */
  final class Builder {
    private SSLContext sslContext;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private int maxBodyBytes = 1 << 20;

    private Builder() {}

    /** The TLS context (trust store) to use instead of the JVM default. */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Documents larger than this are refused (default 1 MiB). */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive, found " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    public DidWebFetcher build() {
      return new HttpDidWebFetcher(sslContext, connectTimeout, requestTimeout, maxBodyBytes);
    }
  }
}
