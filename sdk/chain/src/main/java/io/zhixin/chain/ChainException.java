package io.zhixin.chain;

/** A chain call failed: the node could not be reached, or a transaction reverted or was not mined. */
public final class ChainException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ChainException(String message, Throwable cause) {
    super(message, cause);
  }

  public ChainException(String message) {
    super(message);
  }
}
