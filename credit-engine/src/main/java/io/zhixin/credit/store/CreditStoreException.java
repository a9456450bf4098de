package io.zhixin.credit.store;

/**
 * The attestation store failed (the database could not be opened, read or written). When it is thrown by
 * {@link AttestationStore#apply}, nothing of the batch was written; retrying the same batch is safe.
 */
public final class CreditStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message and its cause. */
    public CreditStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
