package io.zhixin.did;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhixin.did.internal.Json;
import java.util.Optional;

/**
 * Metadata about a resolution or dereferencing (W3C DID Resolution): the content type on success, the error code
 * and a message for people on failure. Immutable.
 */
public final class DidResolutionMetadata {
  /** The media type of the DID documents this SDK produces (JSON-LD, since they carry {@code @context}). */
  public static final String DID_LD_JSON = "application/did+ld+json";

  private final String contentType;
  private final ResolutionError error;
  private final String errorMessage;

  private DidResolutionMetadata(String contentType, ResolutionError error, String errorMessage) {
    this.contentType = contentType;
    this.error = error;
    this.errorMessage = errorMessage;
  }

  static DidResolutionMetadata success() {
    return new DidResolutionMetadata(DID_LD_JSON, null, null);
  }

  static DidResolutionMetadata failure(ResolutionError error, String message) {
    return new DidResolutionMetadata(null, error, message);
  }

  /** The content type of the document, on success. */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /** The error, on failure. */
  public Optional<ResolutionError> error() {
    return Optional.ofNullable(error);
  }

  /** What went wrong, for people; on failure. */
  public Optional<String> errorMessage() {
    return Optional.ofNullable(errorMessage);
  }

  ObjectNode toJsonNode() {
    ObjectNode n = Json.object();
    if (contentType != null) {
      n.put("contentType", contentType);
    }
    if (error != null) {
      n.put("error", error.code());
      n.put("errorMessage", errorMessage);
    }
    return n;
  }

  @Override
  public String toString() {
    return "DidResolutionMetadata" + Json.write(toJsonNode());
  }
}
