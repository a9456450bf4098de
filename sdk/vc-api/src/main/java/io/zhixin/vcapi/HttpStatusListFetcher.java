package io.zhixin.vcapi;

import io.zhixin.credentials.status.StatusListException;
import io.zhixin.credentials.status.StatusListFetcher;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Fetches status list credentials over HTTPS with a timeout, a size limit and no redirects. Thread-safe; wrap it in
 * {@link io.zhixin.credentials.status.CachingStatusListFetcher} to cache.
 *
 * <p>The URL comes from a credential, so whoever can get a credential verified chooses where this fetcher connects:
 * plain HTTP is refused, even to loopback hosts, unless {@link #createForLocalTesting} made the fetcher. Accept only
 * trusted issuers in a verifier that fetches, so that only their URLs are followed (status is checked after the
 * signature and the issuer trust check).
 *
 * <pre>{@code
 * StatusListFetcher lists = CachingStatusListFetcher.create(HttpStatusListFetcher.create(), Duration.ofMinutes(5),
 *     Clock.systemUTC());
 * }</pre>
 */
public final class HttpStatusListFetcher implements StatusListFetcher {

  /** A published status list credential of 131,072 entries is a few hundred bytes; anything over this is refused. */
  public static final int MAX_BYTES = 2 * 1024 * 1024;

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private final HttpClient client;
  private final Duration timeout;
  private final boolean loopbackHttp;

  private HttpStatusListFetcher(HttpClient client, Duration timeout, boolean loopbackHttp) {
    this.client = Objects.requireNonNull(client, "client");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.loopbackHttp = loopbackHttp;
  }

  /** A fetcher with the JDK's default TLS trust, no redirects and a 10-second timeout. */
  public static HttpStatusListFetcher create() {
    return create(defaultClient(), Duration.ofSeconds(10));
  }

  /** A fetcher on {@code client} (e.g. with a custom trust store), each request limited to {@code timeout}. */
  public static HttpStatusListFetcher create(HttpClient client, Duration timeout) {
    return new HttpStatusListFetcher(client, timeout, false);
  }

  /** Like {@link #create()}, but also fetches plain {@code http://} URLs of loopback hosts. Tests and demos only. */
  public static HttpStatusListFetcher createForLocalTesting() {
    return new HttpStatusListFetcher(defaultClient(), Duration.ofSeconds(10), true);
  }

  private static HttpClient defaultClient() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public String fetch(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new StatusListException("status list URL is not a URL: " + url);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(loopbackHttp && scheme.equals("http") && LOOPBACK.contains(host))) {
      throw new StatusListException("status lists are fetched over https only, found " + url);
    }
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("Accept", "application/vc+jwt, application/jwt;q=0.9, */*;q=0.1").GET().build();
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
}
