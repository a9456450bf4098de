package io.zhixin.credit.index;

/**
 * The indexer stopped: the chain answered something it cannot index (for example batch entries that do not
 * rebuild the anchored root). Nothing of the failing block range was stored; the store's checkpoint says where a
 * new run resumes. Chain outages surface as {@code io.zhixin.chain.ChainException}, store failures as
 * {@code io.zhixin.credit.store.CreditStoreException}.
 */
public final class IndexerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IndexerException(String message) {
        super(message);
    }
}
