package io.zhixin.chain;

/**
 * A transaction was signed and possibly broadcast, but its receipt could not be obtained in time. It
 * may still be mined. Retrying the same operation with the same idempotency key re-sends the same
 * signed bytes (same hash), so it cannot be mined twice.
 */
public final class TransactionPendingException extends ChainUnavailableException {
  private static final long serialVersionUID = 1L;
  private final String transactionHash;

  public TransactionPendingException(String message, String transactionHash, Throwable cause) {
    super(message, cause);
    this.transactionHash = transactionHash;
  }

  /** The hash of the signed transaction, to look up later. */
  public String transactionHash() {
    return transactionHash;
  }
}
