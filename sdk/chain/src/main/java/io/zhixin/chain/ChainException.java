package io.zhixin.chain;

/**
 * A chain operation failed. Subclasses say how: {@link ContractRevertException} (the contract refused,
 * with the custom error decoded), {@link ChainUnavailableException} (the node could not be reached in
 * time; retryable), {@link TransactionPendingException} (sent, outcome not known yet; retry with the
 * same idempotency key) and {@link ChainIdMismatchException} (a deployment manifest for another chain).
 */
public class ChainException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ChainException(String message, Throwable cause) {
    super(message, cause);
  }

  public ChainException(String message) {
    super(message);
  }
}
