package io.zhixin.samples.portals;

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
 * The district's web site for did:web, kept in a temporary folder: the bureaus' did.json files are written where
 * their did:web URLs point and handed to the did:web resolver from there, so the portals run without a DNS name or
 * a certificate. URL mapping and document checks are the real resolver's.
 */
final class DistrictWeb implements DidWebFetcher, AutoCloseable {
  private final String host;
  private final Path root;

  DistrictWeb(String host) {
    this.host = host;
    try {
      this.root = Files.createTempDirectory("zhixin-portals-www-").toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the district's web root", e);
    }
  }

  void publish(DidDocument document) {
    try {
      DidWeb.publish(document, root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish " + document.id(), e);
    }
  }

  DidMethod method() {
    return DidWeb.method(this);
  }

  @Override
  public Response fetch(URI url) throws IOException {
    Path file = root.resolve(url.getPath().substring(1)).normalize();
    if (!host.equals(url.getHost()) || !file.startsWith(root) || !Files.isRegularFile(file)) {
      return Response.of(404, new byte[0]);
    }
    return Response.of(200, Files.readAllBytes(file));
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder left behind is harmless
    }
  }
}
