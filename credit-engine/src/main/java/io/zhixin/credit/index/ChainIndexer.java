package io.zhixin.credit.index;

import io.zhixin.chain.AttestationBatch;
import io.zhixin.chain.AttestationEntry;
import io.zhixin.chain.AttestationRegistry;
import io.zhixin.chain.TrustRegistry;
import io.zhixin.chain.ZhixinChain;
import io.zhixin.credit.AccreditationInterval;
import io.zhixin.credit.Attestation;
import io.zhixin.credit.store.AttestationStore;
import io.zhixin.credit.store.IndexBatch;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Reads attestation, revocation and accreditation events from the chain into an {@link AttestationStore}, one
 * block range at a time, each range and the new checkpoint in one store transaction.
 *
 * <h2>What it reads</h2>
 * From {@code AttestationRegistry}: {@code Attested} (issue time = the block's timestamp), {@code AttestationRevoked},
 * {@code BatchAnchored} (entries from a {@link BatchEntrySource}, checked against the anchored root),
 * {@code BatchRevoked} and {@code BatchEntryRevoked} (revocation time = the block's timestamp). From
 * {@code TrustedIssuerRegistry}: grants, suspensions, reinstatements and revocations, replayed into the intervals
 * in which each attestor was accredited for each schema, including the effect of accreditations above it.
 *
 * <h2>Crashes</h2>
 * Only blocks at least {@code confirmations} below the head are read, so a short reorganisation does not reach
 * the store. A run resumes at {@code checkpoint + 1}: a range is stored whole or not at all, so nothing is lost and
 * nothing counted twice. The accreditation history is replayed from the trust registry's events up to the
 * checkpoint when an indexer starts (accreditations are few).
 *
 * <pre>{@code
 * try (AttestationStore store = SqliteAttestationStore.open(db)) {
 *   IndexRun run = ChainIndexer.builder().chain(readOnlyChain).store(store).confirmations(2).build().run();
 * }
 * }</pre>
 *
 * <p>Not thread-safe; one indexer per store.
 */
public final class ChainIndexer {
    private final ZhixinChain chain;
    private final AttestationStore store;
    private final int confirmations;
    private final int blocksPerBatch;
    private final long startBlock;
    private final BatchEntrySource batchEntries;
    private final LongConsumer afterBatch;
    private AccreditationHistory history;
    private Map<String, List<AccreditationInterval>> stored;

    private ChainIndexer(Builder b) {
        this.chain = b.chain;
        this.store = b.store;
        this.confirmations = b.confirmations;
        this.blocksPerBatch = b.blocksPerBatch;
        this.startBlock = b.startBlock >= 0 ? b.startBlock : b.chain.deployment().block();
        this.batchEntries = b.batchEntries;
        this.afterBatch = b.afterBatch;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Indexes every confirmed block above the checkpoint, in ranges of at most {@code blocksPerBatch} blocks.
     *
     * @throws io.zhixin.chain.ChainException when the node fails; what was committed stays, a new run resumes
     * @throws IndexerException when the chain holds something that cannot be indexed
     */
    public IndexRun run() {
        long head = chain.blockNumber();
        long safe = head - confirmations;
        long from = store.checkpoint().orElse(startBlock - 1) + 1;
        if (history == null) {
            replayHistory(from - 1);
        }
        long first = from;
        int batches = 0;
        long attestations = 0;
        long revocations = 0;
        long pairs = 0;
        long skipped = 0;
        while (from <= safe) {
            long to = Math.min(safe, from + blocksPerBatch - 1);
            Range r;
            try {
                r = read(from, to);
                store.apply(r.batch);
                stored = r.intervalsAfter;
            } catch (RuntimeException e) {
                history = null; // replayed from the chain up to the checkpoint on the next run
                throw e;
            }
            batches++;
            attestations += r.batch.attestations().size();
            revocations += r.batch.revocations().size() + r.batch.batchRevocations().size();
            pairs += r.batch.accreditations().size();
            skipped += r.skipped;
            afterBatch.accept(to);
            from = to + 1;
        }
        return new IndexRun(first, safe, batches, attestations, revocations, pairs, skipped);
    }

    private void replayHistory(long upTo) {
        history = new AccreditationHistory();
        TrustRegistry trust = chain.trustRegistry();
        for (long from = startBlock; from <= upTo; from += 10_000) {
            trust.changesBetween(from, Math.min(upTo, from + 9_999)).forEach(history::apply);
        }
        stored = history.intervals();
    }

    private record Range(IndexBatch batch, Map<String, List<AccreditationInterval>> intervalsAfter, long skipped) {}

    private Range read(long from, long to) {
        AttestationRegistry registry = chain.attestations();
        IndexBatch.Builder batch = IndexBatch.upToBlock(to);
        Map<Long, Long> blockTimes = new HashMap<>();
        Set<String> inThisBatch = new HashSet<>();
        long skipped = 0;
        for (AttestationRegistry.AttestedEvent e : registry.attestedBetween(from, to, null)) {
            batch.attestation(new Attestation(e.id().toHex(), e.subject().toHex(), e.schema().toHex(), e.attester().toHex(),
                    e.value(), time(e.blockNumber(), blockTimes), e.expiresAt().map(t -> t.getEpochSecond()).orElse(0L), 0));
            inThisBatch.add(e.id().toHex());
        }
        for (AttestationRegistry.BatchAnchoredEvent b : registry.batchesAnchoredBetween(from, to)) {
            List<AttestationEntry> entries = batchEntries.entries(b);
            if (entries == null || entries.isEmpty()) {
                skipped++;
                continue;
            }
            AttestationBatch rebuilt = AttestationBatch.of(entries);
            if (!rebuilt.root().equals(b.root()) || !rebuilt.schema().equals(b.schema()) || rebuilt.size() != b.size()) {
                throw new IndexerException("the entries supplied for batch " + b.batchId() + " do not rebuild its anchored root "
                        + b.root() + " (" + b.size() + " entries of schema " + b.schema() + "); nothing of blocks " + from
                        + ".." + to + " was stored");
            }
            long at = time(b.blockNumber(), blockTimes);
            for (AttestationEntry entry : entries) {
                String uid = entry.leaf().toHex();
                batch.batchEntry(b.batchId().toHex(), new Attestation(uid, entry.subject().toHex(), b.schema().toHex(),
                        b.attester().toHex(), entry.value(), at, entry.expiresAt().map(t -> t.getEpochSecond()).orElse(0L), 0));
                inThisBatch.add(uid);
            }
        }
        for (AttestationRegistry.RevokedEvent e : registry.revokedBetween(from, to)) {
            batch.revocation(e.id().toHex(), time(e.blockNumber(), blockTimes));
        }
        for (AttestationRegistry.BatchRevokedEvent e : registry.batchesRevokedBetween(from, to)) {
            batch.batchRevocation(e.batchId().toHex(), time(e.blockNumber(), blockTimes));
        }
        for (AttestationRegistry.BatchEntryRevokedEvent e : registry.batchEntriesRevokedBetween(from, to)) {
            String uid = e.leaf().toHex();
            if (inThisBatch.contains(uid) || store.attestation(uid).isPresent()) {
                batch.revocation(uid, time(e.blockNumber(), blockTimes));
            } else {
                skipped++; // an entry of a batch whose entries were never supplied
            }
        }
        List<TrustRegistry.Change> changes = chain.trustRegistry().changesBetween(from, to);
        Map<String, List<AccreditationInterval>> after = stored;
        if (!changes.isEmpty()) {
            changes.forEach(history::apply);
            after = history.intervals();
            AccreditationHistory.changed(stored, after).forEach((pair, intervals) -> {
                String[] p = pair.split("/", 2);
                batch.accreditation(p[0], p[1], intervals);
            });
        }
        return new Range(batch.build(), after, skipped);
    }

    private long time(long block, Map<Long, Long> cache) {
        return cache.computeIfAbsent(block, b -> chain.blockTime(b).getEpochSecond());
    }

    /** Builds a {@link ChainIndexer}. */
    public static final class Builder {
        private ZhixinChain chain;
        private AttestationStore store;
        private int confirmations = 2;
        private int blocksPerBatch = 1_000;
        private long startBlock = -1;
        private BatchEntrySource batchEntries = BatchEntrySource.none();
        private LongConsumer afterBatch = block -> {};

        private Builder() {}

        /** The chain to read, with a deployment manifest; a read-only connection is enough. Required. */
        public Builder chain(ZhixinChain chain) {
            this.chain = Objects.requireNonNull(chain, "chain");
            return this;
        }

        /** Where to write. Required. */
        public Builder store(AttestationStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** How many blocks below the head stay unread (default 2; 0 on a dev chain that never reorganises). */
        public Builder confirmations(int confirmations) {
            if (confirmations < 0) {
                throw new IllegalArgumentException("confirmations: expected 0 or more, found " + confirmations);
            }
            this.confirmations = confirmations;
            return this;
        }

        /** The most blocks one store transaction covers (default 1,000). */
        public Builder blocksPerBatch(int blocks) {
            if (blocks < 1) {
                throw new IllegalArgumentException("blocksPerBatch: expected at least 1, found " + blocks);
            }
            this.blocksPerBatch = blocks;
            return this;
        }

        /** The first block of an empty store (default: the deployment manifest's first block). */
        public Builder startBlock(long block) {
            if (block < 0) {
                throw new IllegalArgumentException("startBlock: expected a block number, found " + block);
            }
            this.startBlock = block;
            return this;
        }

        /** Where anchored batches' entries come from (default: nowhere; batches are skipped). */
        public Builder batchEntries(BatchEntrySource source) {
            this.batchEntries = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Called after each range is committed, with its last block (progress reports; tests inject crashes here). */
        public Builder afterBatch(LongConsumer listener) {
            this.afterBatch = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The indexer.
         *
         * @throws IllegalStateException when the chain or the store is missing
         */
        public ChainIndexer build() {
            if (chain == null || store == null) {
                throw new IllegalStateException("chain(...) and store(...) are required");
            }
            return new ChainIndexer(this);
        }
    }
}
