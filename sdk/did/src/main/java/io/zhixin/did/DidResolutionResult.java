package io.zhixin.did;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhixin.did.internal.Json;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of resolving a DID (W3C DID Resolution): either a document with its metadata, or a typed error.
 * Immutable. A deactivated DID resolves successfully with {@code documentMetadata().deactivated()} true.
 *
 * <pre>{@code
 * DidResolutionResult r = resolver.resolve("did:key:z6Mk…");
 * if (r.isSuccess()) { DidDocument doc = r.orElseThrow(); } else { log(r.error().get().code()); }
 * }</pre>
 */
public final class DidResolutionResult {
  private final DidDocument document;
  private final DidResolutionMetadata resolutionMetadata;
  private final DidDocumentMetadata documentMetadata;

  private DidResolutionResult(DidDocument document, DidResolutionMetadata resolutionMetadata,
      DidDocumentMetadata documentMetadata) {
    this.document = document;
    this.resolutionMetadata = resolutionMetadata;
    this.documentMetadata = documentMetadata;
  }

  /** A successful result. */
  public static DidResolutionResult success(DidDocument document, DidDocumentMetadata documentMetadata) {
    return new DidResolutionResult(Objects.requireNonNull(document, "document"), DidResolutionMetadata.success(),
        Objects.requireNonNull(documentMetadata, "documentMetadata"));
  }

  /** A failed result; {@code message} is for people and must not contain secrets. */
  public static DidResolutionResult failure(ResolutionError error, String message) {
    return new DidResolutionResult(null, DidResolutionMetadata.failure(Objects.requireNonNull(error, "error"),
        Objects.requireNonNull(message, "message")), DidDocumentMetadata.empty());
  }

  /** A failed result carrying the exception's error and detail. */
  public static DidResolutionResult failure(DidResolutionException e) {
    return failure(e.error(), e.detail());
  }

  /** Whether a document was resolved. */
  public boolean isSuccess() {
    return document != null;
  }

  /** The document, on success. */
  public Optional<DidDocument> document() {
    return Optional.ofNullable(document);
  }

  /** The error, on failure. */
  public Optional<ResolutionError> error() {
    return resolutionMetadata.error();
  }

  /** {@code didResolutionMetadata}. */
  public DidResolutionMetadata resolutionMetadata() {
    return resolutionMetadata;
  }

  /** {@code didDocumentMetadata} (empty on failure). */
  public DidDocumentMetadata documentMetadata() {
    return documentMetadata;
  }

  /**
   * The document, or the failure as an exception.
   *
   * @throws DidResolutionException with this result's error
   */
  public DidDocument orElseThrow() {
    if (document == null) {
      throw new DidResolutionException(error().orElseThrow(), resolutionMetadata.errorMessage().orElse(""));
    }
    return document;
  }

  /** The W3C DID Resolution result JSON: {@code didDocument}, {@code didResolutionMetadata}, {@code didDocumentMetadata}. */
  public String toJson() {
    ObjectNode n = Json.object();
    n.set("didDocument", document == null ? n.nullNode() : document.json());
    n.set("didResolutionMetadata", resolutionMetadata.toJsonNode());
    n.set("didDocumentMetadata", documentMetadata.toJsonNode());
    return Json.writePretty(n);
  }

  @Override
  public String toString() {
    return document != null ? "DidResolutionResult{" + document.id() + "}"
        : "DidResolutionResult{" + resolutionMetadata + "}";
  }
}
