package io.zhixin.samples.chancheng;

import io.zhixin.did.DidDocument;
import io.zhixin.did.DidMethod;
import io.zhixin.did.web.DidWeb;
import io.zhixin.did.web.DidWebFetcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The district's web site for the demo: did.json files published into a temporary folder and
 * served to the did:web resolver from there, so the demo runs without a DNS name or certificate.
 * Everything else about did:web (URL mapping, document checks) is the real resolver's.
 */
final class LocalDidWeb implements DidWebFetcher, AutoCloseable {
  private final String host;
  private final Path webRoot;

  LocalDidWeb(String host) {
    this.host = host;
    try {
      this.webRoot = Files.createTempDirectory("zhixin-demo-www-").toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the demo web root", e);
    }
  }

  /** Writes {@code document} where its did:web URL points. */
  Path publish(DidDocument document) {
    try {
      return DidWeb.publish(document, webRoot);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish " + document.id(), e);
    }
  }

  DidMethod method() {
    return DidWeb.method(this);
  }

  @Override
  public Response fetch(URI url) throws IOException {
    Path file = webRoot.resolve(url.getPath().substring(1)).normalize();
    if (!host.equals(url.getHost()) || !file.startsWith(webRoot) || !Files.isRegularFile(file)) {
      return Response.of(404, new byte[0]);
    }
    return Response.of(200, Files.readAllBytes(file));
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(webRoot)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder left behind is harmless
    }
  }
}
