package io.zhixin.credit.index;

/**
 * What one {@link ChainIndexer#run()} did.
 *
 * @param fromBlock the first block read (above the checkpoint it started from).
 * @param toBlock the last block read: the head minus the confirmation depth; below {@code fromBlock} when there was
 *     nothing new.
 * @param batches how many block ranges were committed.
 * @param attestations attestations stored (single ones and batch entries).
 * @param revocations revocations applied (single, batch and batch entry).
 * @param accreditationPairs (attestor, schema) pairs whose accreditation intervals were rewritten.
 * @param skipped batch entry revocations and batches whose entries no {@link BatchEntrySource} supplied.
 */
public record IndexRun(long fromBlock, long toBlock, int batches, long attestations, long revocations,
        long accreditationPairs, long skipped) {
    /** Whether the run found nothing new to index. */
    public boolean upToDate() {
        return toBlock < fromBlock;
    }
}
