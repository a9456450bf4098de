package io.zhixin.credit.store;

import io.zhixin.credit.AccreditationInterval;
import io.zhixin.credit.Attestation;
import io.zhixin.credit.internal.Hex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the indexer read from one range of blocks, applied to the store in one transaction together with the
 * range's last block as the new checkpoint: either all of it lands, or none of it does.
 *
 * @param attestations new attestations, in chain order.
 * @param revocations attestation uid to revocation time, in chain order.
 * @param accreditations for each (attestor, schema) pair whose accreditation changed, its complete new list of
 *     intervals (replacing the stored ones; empty to remove them). Keyed {@code attestor + "/" + schema}.
 * @param batchMembership for attestations that are entries of an anchored Merkle batch: their uid (by
 *     convention the entry's leaf, so that {@code BatchEntryRevoked} maps to {@link #revocations()}) to the
 *     batch id. Every uid must be one of {@link #attestations()}.
 * @param batchRevocations batch id to revocation time ({@code BatchRevoked}): revokes every stored entry of
 *     the batch, and entries of it stored later arrive revoked.
 * @param checkpointBlock the last block indexed, which must be above the stored checkpoint.
 */
public record IndexBatch(
        List<Attestation> attestations,
        Map<String, Long> revocations,
        Map<String, List<AccreditationInterval>> accreditations,
        Map<String, String> batchMembership,
        Map<String, Long> batchRevocations,
        long checkpointBlock) {
    /** Copies the collections and checks the checkpoint and the batch membership. */
    public IndexBatch {
        attestations = List.copyOf(attestations);
        revocations = Map.copyOf(revocations);
        accreditations = Map.copyOf(accreditations);
        batchMembership = Map.copyOf(batchMembership);
        batchRevocations = Map.copyOf(batchRevocations);
        if (!batchMembership.isEmpty()) {
            java.util.Set<String> uids = new java.util.HashSet<>();
            attestations.forEach(a -> uids.add(a.uid()));
            for (String uid : batchMembership.keySet()) {
                if (!uids.contains(uid)) {
                    throw new IllegalArgumentException("batch entry " + uid + " is not among the batch's attestations");
                }
            }
        }
        if (checkpointBlock < 0) {
            throw new IllegalArgumentException("checkpointBlock: expected a block number, found " + checkpointBlock);
        }
    }

    /** A builder for the batch that ends at block {@code checkpointBlock}. */
    public static Builder upToBlock(long checkpointBlock) {
        return new Builder(checkpointBlock);
    }

    /** The batch with attestations, revocations and accreditation changes only, up to {@code checkpointBlock}. */
    public IndexBatch(List<Attestation> attestations, Map<String, Long> revocations,
            Map<String, List<AccreditationInterval>> accreditations, long checkpointBlock) {
        this(attestations, revocations, accreditations, Map.of(), Map.of(), checkpointBlock);
    }

    /** Builds an {@link IndexBatch}. */
    public static final class Builder {
        private final long block;
        private final List<Attestation> attestations = new ArrayList<>();
        private final Map<String, Long> revocations = new LinkedHashMap<>();
        private final Map<String, List<AccreditationInterval>> accreditations = new LinkedHashMap<>();
        private final Map<String, String> batchMembership = new LinkedHashMap<>();
        private final Map<String, Long> batchRevocations = new LinkedHashMap<>();

        private Builder(long block) {
            this.block = block;
        }

        /** Adds a new attestation. */
        public Builder attestation(Attestation a) {
            attestations.add(a);
            return this;
        }

        /**
         * Adds an entry of the anchored Merkle batch {@code batchId}: its uid should be the entry's leaf, its
         * attestor and schema the batch's, its issue time the anchoring block's time.
         */
        public Builder batchEntry(String batchId, Attestation a) {
            Hex.bytes32(batchId, "batch id");
            attestations.add(a);
            batchMembership.put(a.uid(), batchId);
            return this;
        }

        /** Records that every entry of batch {@code batchId} was revoked at {@code at} (Unix seconds). */
        public Builder batchRevocation(String batchId, long at) {
            Hex.bytes32(batchId, "batch id");
            if (at <= 0 || at > Attestation.MAX_TIME) {
                throw new IllegalArgumentException("revocation time: expected seconds in 1.." + Attestation.MAX_TIME + ", found " + at);
            }
            batchRevocations.put(batchId, at);
            return this;
        }

        /** Records that attestation {@code uid} was revoked at {@code at} (Unix seconds). */
        public Builder revocation(String uid, long at) {
            Hex.bytes32(uid, "revoked uid");
            if (at <= 0 || at > Attestation.MAX_TIME) {
                throw new IllegalArgumentException("revocation time: expected seconds in 1.." + Attestation.MAX_TIME + ", found " + at);
            }
            revocations.put(uid, at);
            return this;
        }

        /** Replaces the accreditation intervals of {@code attestor} for {@code schema}. */
        public Builder accreditation(String attestor, String schema, List<AccreditationInterval> intervals) {
            Hex.address(attestor, "accreditation attestor");
            Hex.bytes32(schema, "accreditation schema");
            for (AccreditationInterval i : intervals) {
                if (!i.attestor().equals(attestor) || !i.schema().equals(schema)) {
                    throw new IllegalArgumentException("interval " + i + " is not for " + attestor + "/" + schema);
                }
            }
            accreditations.put(attestor + "/" + schema, List.copyOf(intervals));
            return this;
        }

        /** The batch. */
        public IndexBatch build() {
            return new IndexBatch(attestations, revocations, accreditations, batchMembership, batchRevocations, block);
        }
    }
}
