package io.zhixin.credit.store;

import io.zhixin.credit.Attestation;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the indexer keeps what it read from the chain and where scoring reads it back: attestations (with
 * attestor, schema, subject, value, issue time, expiry and revocation time), accreditation intervals per
 * attestor and schema, and the checkpoint (the last indexed block).
 *
 * <p>Writes go through {@link #apply}, which stores a batch and moves the checkpoint in one transaction, so an
 * indexer that crashes resumes from {@link #checkpoint()} + 1 with nothing lost and nothing counted twice.
 * The embedded default is {@link SqliteAttestationStore}; a PostgreSQL implementation can take its place at
 * scale.
 *
 * <p>Implementations are thread-safe; one writer at a time.
 */
public interface AttestationStore extends AutoCloseable {
    /**
     * Stores {@code batch} and sets the checkpoint to its block, atomically.
     *
     * @throws IllegalStateException if the batch's block is not above the checkpoint, it revokes an unknown
     *     attestation, or it repeats a stored attestation uid; nothing was written.
     * @throws CreditStoreException if the database fails; nothing was written.
     */
    void apply(IndexBatch batch);

    /** The last indexed block, or empty before the first batch. */
    OptionalLong checkpoint();

    /** The number of stored attestations (revoked ones included). */
    long attestationCount();

    /** The attestation with id {@code uid}, if stored. */
    Optional<Attestation> attestation(String uid);

    /**
     * Reads all attestations and accreditations in one consistent snapshot, grouped by subject for scoring.
     *
     * @param threads how many connections read in parallel (at least 1).
     */
    StoreSnapshot snapshot(int threads);

    /** Closes the store. */
    @Override
    void close();
}
