package io.zhixin.did.ethr;

import java.util.Objects;

/**
 * A did:ethr controller operation failed; {@link #reason()} says why. Nothing was changed on chain unless the reason
 * is {@link Reason#TRANSACTION_FAILED} with a transaction hash in the message (a transaction mined but reverted).
 */
public final class EthrDidException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why an operation failed. Stable: callers may switch on it. */
  public enum Reason {
    /** The signer is not the identity's current owner; no transaction was sent. */
    NOT_OWNER,
    /** The DID is deactivated; resolvers ignore later changes, so no transaction was sent. */
    DEACTIVATED,
    /** The node refused, reverted or did not mine the transaction. */
    TRANSACTION_FAILED,
    /** The node could not be reached or answered with an error; may be retried. */
    CHAIN_UNAVAILABLE
  }

  private final Reason reason;

  public EthrDidException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public EthrDidException(Reason reason, String message) {
    this(reason, message, null);
  }

  /** Why the operation failed. */
  public Reason reason() {
    return reason;
  }
}
