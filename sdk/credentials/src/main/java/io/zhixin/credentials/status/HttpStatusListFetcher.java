package io.zhixin.credentials.status;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Fetches status list credentials over HTTPS with the JDK's HTTP client: a timeout, a size limit, no redirects.
 * Thread-safe. Wrap it in {@link CachingStatusListFetcher}.
 *
 * <p>The URL comes from a credential, so whoever can get a credential verified chooses where this fetcher connects:
 * plain HTTP is refused (even to loopback) unless {@link #insecureAllowingHttp} made the fetcher, and redirects are
 * not followed. Accept only trusted issuers in a verifier that fetches, so that only their URLs are followed.
 *
 * <pre>{@code
 * StatusListFetcher f = CachingStatusListFetcher.create(HttpStatusListFetcher.create(Duration.ofSeconds(5)),
 *     Duration.ofMinutes(5), Clock.systemUTC());
 * }</pre>
 */
public final class HttpStatusListFetcher implements StatusListFetcher {

  /** Larger responses are refused: a list of 131,072 entries compresses to well under this. */
  public static final int MAX_BYTES = 2 * 1024 * 1024;

  private final HttpClient client;
  private final Duration timeout;
  private final boolean allowHttp;

  private HttpStatusListFetcher(Duration timeout, boolean allowHttp) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.allowHttp = allowHttp;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** An HTTPS-only fetcher. */
  public static HttpStatusListFetcher create(Duration timeout) {
    return new HttpStatusListFetcher(timeout, false);
  }

  /** A fetcher that also accepts plain {@code http://} URLs to loopback hosts: for development and tests only. */
  public static HttpStatusListFetcher insecureAllowingHttp(Duration timeout) {
    return new HttpStatusListFetcher(timeout, true);
  }

  /**
   * @throws StatusListException for a non-HTTPS URL, a network failure, a non-200 status or an oversized body
   */
  @Override
  public String fetch(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new StatusListException("status list URL is not a URI: " + url);
    }
    String scheme = uri.getScheme();
    boolean https = "https".equalsIgnoreCase(scheme);
    if (!https && !(allowHttp && "http".equalsIgnoreCase(scheme) && isLoopback(uri.getHost()))) {
      throw new StatusListException("status list URL must be https, found " + url);
    }
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).GET()
        .header("Accept", "application/vc+jwt, application/jwt;q=0.9").build();
    try {
      HttpResponse<InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body()) {
        if (r.statusCode() != 200) {
          throw new StatusListException("status list " + url + " answered HTTP " + r.statusCode());
        }
        byte[] body = in.readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
          throw new StatusListException("status list " + url + " is larger than " + MAX_BYTES + " bytes");
        }
        return new String(body, StandardCharsets.UTF_8).strip();
      }
    } catch (IOException e) {
      throw new StatusListException("status list " + url + " could not be fetched: " + e.getClass().getSimpleName(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StatusListException("interrupted while fetching status list " + url, e);
    }
  }

  /** Loopback by its literal name only: no DNS lookup, so no name can be made to point elsewhere. */
  private static boolean isLoopback(String host) {
    return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
  }
}
