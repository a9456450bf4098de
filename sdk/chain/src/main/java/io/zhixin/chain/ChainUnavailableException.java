package io.zhixin.chain;

/**
 * The node could not be reached, or kept answering with transient errors (connection refused, timeouts,
 * HTTP 5xx), for longer than the retry budget. Nothing was sent, or what was sent is reported by the
 * subclass {@link TransactionPendingException}. Retryable.
 */
public class ChainUnavailableException extends ChainException {
  private static final long serialVersionUID = 1L;

  public ChainUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
