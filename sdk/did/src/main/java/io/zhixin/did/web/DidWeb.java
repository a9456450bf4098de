package io.zhixin.did.web;

import com.nimbusds.jose.jwk.JWK;
import io.zhixin.did.Did;
import io.zhixin.did.DidDocument;
import io.zhixin.did.DidDocumentMetadata;
import io.zhixin.did.DidMethod;
import io.zhixin.did.DidResolutionException;
import io.zhixin.did.DidResolutionResult;
import io.zhixin.did.KeyFormat;
import io.zhixin.did.ResolutionError;
import io.zhixin.did.VerificationRelationship;
import io.zhixin.keys.AtomicFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * did:web (W3C CCG did:web Method): the document lives at an HTTPS URL derived from the DID, so the organisation that
 * runs the web server can rotate keys by publishing a new {@code did.json}. Suits departments and companies with a
 * web presence; trust rests on DNS and TLS.
 *
 * <p>{@code did:web:example.gov.cn} → {@code https://example.gov.cn/.well-known/did.json};
 * {@code did:web:example.gov.cn:dept:tax} → {@code https://example.gov.cn/dept/tax/did.json};
 * {@code did:web:localhost%3A8443} → {@code https://localhost:8443/.well-known/did.json}.
 *
 * <p>Errors: {@code invalidDid} (bad host or path), {@code notFound} (HTTP 404/410), {@code invalidDidDocument}
 * (malformed JSON, or a document whose id is not the DID), {@code invalidPublicKey…}, {@code internalError} (network
 * failures, other HTTP statuses; may be retried).
 */
public final class DidWeb {
  /** The method name. */
  public static final String METHOD = "web";
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::[0-9]{1,5})?");
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

  private DidWeb() {}

  /**
   * The did:web for a host (optionally {@code host:port}) and path segments.
   *
   * @throws IllegalArgumentException for an invalid host or segment
   */
  public static Did create(String host, String... path) {
    Objects.requireNonNull(host, "host");
    StringBuilder sb = new StringBuilder(host.replace(":", "%3A"));
    for (String segment : path) {
      sb.append(':').append(segment);
    }
    Did did = Did.of(METHOD, sb.toString());
    try {
      url(did);
    } catch (DidResolutionException e) {
      throw new IllegalArgumentException(e.detail());
    }
    return did;
  }

  /**
   * The HTTPS URL of a did:web's document.
   *
   * @throws DidResolutionException {@code invalidDid} for a bad host, port or path
   */
  public static URI url(Did did) {
    if (!METHOD.equals(did.method())) {
      throw new DidResolutionException(ResolutionError.INVALID_DID, "expected a did:web, found did:" + did.method());
    }
    String[] parts = did.methodSpecificId().split(":", -1);
    String host = parts[0].replace("%3A", ":").replace("%3a", ":");
    if (!HOST.matcher(host).matches() || host.contains("..")) {
      throw new DidResolutionException(ResolutionError.INVALID_DID,
          "did:web host must be a domain name with an optional %3A-encoded port, found '" + parts[0] + "'");
    }
    int colon = host.indexOf(':');
    if (colon >= 0) {
      int port = Integer.parseInt(host.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new DidResolutionException(ResolutionError.INVALID_DID, "did:web port out of range: " + port);
      }
    }
    StringBuilder path = new StringBuilder();
    for (int i = 1; i < parts.length; i++) {
      String s = parts[i];
      // No percent-encoding and no dot segments: a DID must not address anything outside its own path.
      if (!SEGMENT.matcher(s).matches() || s.equals(".") || s.equals("..")) {
        throw new DidResolutionException(ResolutionError.INVALID_DID,
            "did:web path segments must be [A-Za-z0-9._-]+ and not '.' or '..', found '" + s + "'");
      }
      path.append('/').append(s);
    }
    String p = parts.length == 1 ? "/.well-known/did.json" : path + "/did.json";
    return URI.create("https://" + host.toLowerCase(Locale.ROOT) + p);
  }

  /**
   * A document for a did:web with one verification method per key ({@code #key-1}, {@code #key-2}, …), each listed
   * under {@code authentication} and {@code assertionMethod}.
   */
  public static DidDocument document(Did did, KeyFormat format, List<JWK> keys) {
    url(did);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a did:web document needs at least one key");
    }
    DidDocument.Builder b = DidDocument.builder(did);
    int i = 1;
    for (JWK key : keys) {
      b.verificationMethod(format.method(did + "#key-" + i++, did.toString(), key),
          VerificationRelationship.AUTHENTICATION, VerificationRelationship.ASSERTION_METHOD);
    }
    return b.build();
  }

  /**
   * Writes {@code document} as {@code did.json} under {@code webRoot} where its DID's URL expects it (e.g.
   * {@code webRoot/.well-known/did.json}), atomically, so a web server never serves a half-written file.
   *
   * @return the file written
   * @throws IOException if writing fails (the previous file is then unchanged)
   */
  public static Path publish(DidDocument document, Path webRoot) throws IOException {
    URI url = url(document.id());
    Path root = webRoot.toAbsolutePath().normalize();
    Path target = root.resolve(url.getPath().substring(1)).normalize();
    if (!target.startsWith(root)) {
      throw new IllegalArgumentException("document path escapes the web root: " + url.getPath());
    }
    AtomicFiles.write(target, document.toPrettyJson().getBytes(StandardCharsets.UTF_8), false);
    return target;
  }

  /** The driver with the default HTTPS fetcher. */
  public static DidMethod method() {
    return method(DidWebFetcher.https());
  }

  /** The driver with a custom fetcher (trust store, proxy, or a test server). */
  public static DidMethod method(DidWebFetcher fetcher) {
    return new Driver(Objects.requireNonNull(fetcher, "fetcher"));
  }

  private static final class Driver implements DidMethod {
    private final DidWebFetcher fetcher;

    Driver(DidWebFetcher fetcher) {
      this.fetcher = fetcher;
    }

    @Override
    public String name() {
      return METHOD;
    }

    @Override
    public DidResolutionResult resolve(Did did) {
      try {
        URI url = url(did);
        DidWebFetcher.Response resp;
        try {
          resp = fetcher.fetch(url);
        } catch (IOException e) {
          return DidResolutionResult.failure(ResolutionError.INTERNAL_ERROR,
              "cannot fetch " + url + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        if (resp.status() == 404 || resp.status() == 410) {
          return DidResolutionResult.failure(ResolutionError.NOT_FOUND, "HTTP " + resp.status() + " from " + url);
        }
        if (resp.status() != 200) {
          return DidResolutionResult.failure(ResolutionError.INTERNAL_ERROR,
              "expected HTTP 200 from " + url + ", found " + resp.status());
        }
        DidDocument doc = DidDocument.parse(utf8(resp.body()));
        if (!doc.id().equals(did)) {
          return DidResolutionResult.failure(ResolutionError.INVALID_DID_DOCUMENT,
              "document at " + url + " has id " + doc.id() + ", expected " + did);
        }
        return DidResolutionResult.success(doc, DidDocumentMetadata.empty());
      } catch (DidResolutionException e) {
        return DidResolutionResult.failure(e);
      }
    }

    private static String utf8(byte[] body) {
      try {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(body)).toString();
      } catch (CharacterCodingException e) {
        throw new DidResolutionException(ResolutionError.INVALID_DID_DOCUMENT, "document is not UTF-8");
      }
    }

    @Override
    public String toString() {
      return "DidWeb.method{" + fetcher + "}";
    }
  }
}
