package io.zhixin.credit.store;

import io.zhixin.credit.Attestation;
import io.zhixin.credit.Fixtures;
import java.nio.file.Path;

/**
 * Test helper run in a child JVM: writes batches of {@link #BATCH} attestations to the store given as the first
 * argument, block after block, printing "committed N" after each, until it is killed.
 */
public final class CrashingIndexer {
    static final int BATCH = 4_000;

    private CrashingIndexer() {}

    public static void main(String[] args) {
        try (SqliteAttestationStore store = SqliteAttestationStore.open(Path.of(args[0]))) {
            long block = store.checkpoint().orElse(0);
            long stop = args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE;
            while (block < stop) {
                block++;
                store.apply(batch(block));
                System.out.println("committed " + block);
                System.out.flush();
            }
        }
    }

    /** The batch of block {@code block}: uids {@code (block - 1) * BATCH + 1 .. block * BATCH}. */
    static IndexBatch batch(long block) {
        IndexBatch.Builder b = IndexBatch.upToBlock(block);
        for (int i = 1; i <= BATCH; i++) {
            long n = (block - 1) * BATCH + i;
            b.attestation(new Attestation(Fixtures.bytes32(n), Fixtures.subject(n % 997), Fixtures.schema("LOAN_REPAID_ON_TIME"),
                    Fixtures.ATTESTOR, 1, Fixtures.AS_OF - n, 0, 0));
        }
        return b.build();
    }
}
