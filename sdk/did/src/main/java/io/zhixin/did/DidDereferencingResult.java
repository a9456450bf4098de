package io.zhixin.did;

import com.nimbusds.jose.jwk.JWK;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The result of dereferencing a DID URL with a fragment ({@code did:…#key-1}) to a verification method: the method,
 * the relationships its document lists it under, and the document; or a typed error. Immutable.
 *
 * <p>A key of a deactivated DID is reported as {@link ResolutionError#DEACTIVATED}, never returned.
 */
public final class DidDereferencingResult {
  private final VerificationMethod method;
  private final DidDocument document;
  private final DidResolutionMetadata metadata;

  private DidDereferencingResult(VerificationMethod method, DidDocument document, DidResolutionMetadata metadata) {
    this.method = method;
    this.document = document;
    this.metadata = metadata;
  }

  static DidDereferencingResult success(VerificationMethod method, DidDocument document) {
    return new DidDereferencingResult(method, document, DidResolutionMetadata.success());
  }

  static DidDereferencingResult failure(ResolutionError error, String message) {
    return new DidDereferencingResult(null, null, DidResolutionMetadata.failure(error, message));
  }

  /** Whether a verification method was found. */
  public boolean isSuccess() {
    return method != null;
  }

  /** The verification method, on success. */
  public Optional<VerificationMethod> verificationMethod() {
    return Optional.ofNullable(method);
  }

  /** The method's public key, on success when the method has one. */
  public Optional<JWK> publicJwk() {
    return method == null ? Optional.empty() : method.publicJwk();
  }

  /** The document the method was found in, on success. */
  public Optional<DidDocument> document() {
    return Optional.ofNullable(document);
  }

  /** The relationships (e.g. assertionMethod) the document lists the method under; empty on failure. */
  public Set<VerificationRelationship> relationships() {
    return method == null ? Set.of() : document.relationshipsOf(method.id());
  }

  /** The error, on failure. */
  public Optional<ResolutionError> error() {
    return metadata.error();
  }

  /** {@code dereferencingMetadata}. */
  public DidResolutionMetadata metadata() {
    return metadata;
  }

  /**
   * The verification method, or the failure as an exception.
   *
   * @throws DidResolutionException with this result's error
   */
  public VerificationMethod orElseThrow() {
    if (method == null) {
      throw new DidResolutionException(Objects.requireNonNull(error().orElse(null)),
          metadata.errorMessage().orElse(""));
    }
    return method;
  }

  @Override
  public String toString() {
    return method != null ? "DidDereferencingResult{" + method.id() + "}" : "DidDereferencingResult{" + metadata + "}";
  }
}
