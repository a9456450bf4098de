package io.zhixin.testkit;

/** The dev chain could not be started or reached; the message says what to do about it. */
public final class DevChainException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DevChainException(String message) {
    super(message);
  }

  public DevChainException(String message, Throwable cause) {
    super(message, cause);
  }
}
