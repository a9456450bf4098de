package io.zhixin.credit.index;

import io.zhixin.chain.AttestationEntry;
import io.zhixin.chain.AttestationRegistry;
import java.util.List;

/**
 * Where the entries of an anchored Merkle batch come from. The chain holds only a batch's root and size; its
 * attester publishes the entries off chain (a file, an API). The indexer checks that they rebuild the anchored
 * root before it stores any of them.
 */
@FunctionalInterface
public interface BatchEntrySource {
    /** A source that knows no batch: anchored batches are then not indexed (their revocations are skipped too). */
    static BatchEntrySource none() {
        return batch -> List.of();
    }

    /**
     * The entries of {@code batch}, or an empty list when they are not available (the batch is then skipped).
     */
    List<AttestationEntry> entries(AttestationRegistry.BatchAnchoredEvent batch);
}
