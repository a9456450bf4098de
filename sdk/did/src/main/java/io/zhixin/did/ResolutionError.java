package io.zhixin.did;

/**
 * Why a DID could not be resolved or a DID URL dereferenced; {@link #code()} is the W3C DID Resolution error
 * string that goes into {@code didResolutionMetadata.error}. Stable: callers may switch on it.
 */
public enum ResolutionError {
  /** The input is not a valid DID (syntax, length, or the method's own format). */
  INVALID_DID("invalidDid"),
  /** The input is not a valid DID URL. */
  INVALID_DID_URL("invalidDidUrl"),
  /** The DID or the dereferenced fragment does not exist. */
  NOT_FOUND("notFound"),
  /** No registered method handles this DID's method. */
  METHOD_NOT_SUPPORTED("methodNotSupported"),
  /** The DID is deactivated; returned when dereferencing its keys (resolution itself reports it in metadata). */
  DEACTIVATED("deactivated"),
  /** The public key is malformed or not a point on its curve. */
  INVALID_PUBLIC_KEY("invalidPublicKey"),
  /** The public key has the wrong number of bytes. */
  INVALID_PUBLIC_KEY_LENGTH("invalidPublicKeyLength"),
  /** The key's multicodec or key type is not one this method accepts. */
  INVALID_PUBLIC_KEY_TYPE("invalidPublicKeyType"),
  /** A fetched DID document is malformed or is not the document of the requested DID. */
  INVALID_DID_DOCUMENT("invalidDidDocument"),
  /** Anything else, including network failures; may be retryable. */
  INTERNAL_ERROR("internalError");

  private final String code;

  ResolutionError(String code) {
    this.code = code;
  }

  /** The DID Resolution error code, e.g. {@code invalidDid}. */
  public String code() {
    return code;
  }
}
