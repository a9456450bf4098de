package io.zhixin.did;

import java.util.Objects;

/**
 * A DID could not be resolved, a DID URL dereferenced, or a DID document or verification method was invalid.
 * Unchecked; typed by {@link #error()}. Resolvers never throw it: they return it inside results, and
 * {@code orElseThrow()} on a result is the way to get it as an exception.
 */
public class DidResolutionException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ResolutionError error;

  /** Creates an exception with a message for people (no secrets, no whole documents). */
  public DidResolutionException(ResolutionError error, String message) {
    super(message);
    this.error = Objects.requireNonNull(error, "error");
  }

  /** The typed reason. */
  public ResolutionError error() {
    return error;
  }

  @Override
  public String getMessage() {
    return error.code() + ": " + super.getMessage();
  }

  /** The message without the error code prefix. */
  public String detail() {
    return super.getMessage();
  }
}
