package io.zhixin.keys;

import java.util.Objects;

/**
 * A key operation failed. Unchecked, typed by {@link #reason()}; messages never contain key material.
 */
public class KeyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a key operation failed. Stable: callers may switch on it. */
  public enum Reason {
    /** The curve, key type or algorithm is not one of P-256, Ed25519, secp256k1. */
    UNSUPPORTED_KEY_TYPE,
    /** Key bytes or a JWK are malformed, truncated, or not a point on the curve. */
    INVALID_KEY,
    /** A private key was required but only a public key is present. */
    NOT_A_PRIVATE_KEY,
    /** Signing failed (a KMS/HSM error, an unavailable provider, …). May be retryable. */
    SIGNING_FAILED,
    /** The key store password is wrong or the store was tampered with. */
    WRONG_PASSWORD,
    /** The key store file is missing, unreadable or not a Zhixin key store. */
    KEY_STORE_CORRUPT,
    /** A key store was to be created where a file already exists. */
    KEY_STORE_EXISTS,
    /** No key under the requested alias. */
    ALIAS_NOT_FOUND,
    /** A key already exists under the alias. */
    ALIAS_EXISTS,
    /** Reading or writing the key store failed at the file-system level. */
    IO_ERROR
  }

  private final Reason reason;

  /** Creates an exception; {@code message} must not contain secrets. */
  public KeyException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Creates an exception with a cause; neither {@code message} nor {@code cause} may contain secrets. */
  public KeyException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the operation failed. */
  public Reason reason() {
    return reason;
  }
}
