package io.zhixin.did.web.internal;

import io.zhixin.did.web.DidWebFetcher;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** {@link DidWebFetcher} over {@link HttpClient}; the client is created on first use, not at construction. */
public final class HttpDidWebFetcher implements DidWebFetcher {
  private final SSLContext sslContext;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int maxBodyBytes;
  private volatile HttpClient client;

  public HttpDidWebFetcher(SSLContext sslContext, Duration connectTimeout, Duration requestTimeout, int maxBodyBytes) {
    this.sslContext = sslContext;
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    this.maxBodyBytes = maxBodyBytes;
  }

  private HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      synchronized (this) {
        if (client == null) {
          // NORMAL redirects never go from https to http.
          HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout)
              .followRedirects(HttpClient.Redirect.NORMAL);
          if (sslContext != null) {
            b.sslContext(sslContext);
          }
          client = b.build();
        }
        c = client;
      }
    }
    return c;
  }

  @Override
  public Response fetch(URI url) throws IOException {
    if (!"https".equals(url.getScheme())) {
      throw new IOException("did:web documents are fetched over https only, not " + url.getScheme());
    }
    HttpRequest req = HttpRequest.newBuilder(url).timeout(requestTimeout)
        .header("Accept", "application/did+ld+json, application/did+json, application/json").GET().build();
    try {
      HttpResponse<InputStream> resp = client().send(req, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = resp.body()) {
        byte[] body = in.readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
          throw new IOException("DID document larger than " + maxBodyBytes + " bytes at " + url);
        }
        return Response.of(resp.statusCode(), body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + url, e);
    }
  }

  @Override
  public String toString() {
    return "HttpDidWebFetcher{connect=" + connectTimeout + ", request=" + requestTimeout + "}";
  }
}
