package io.zhixin.credit.score;

/**
 * The moment a score is computed for: the epoch number the bureau publishes it under and the as-of time
 * (Unix seconds) at which expiry, revocation and decay are evaluated. Scores never read the wall clock.
 *
 * @param epoch the epoch number (non-negative; the registry's {@code uint64}).
 * @param asOf the as-of time in Unix seconds (0..2^32-1, the chain's range).
 */
public record ScoringEpoch(long epoch, long asOf) {
    /** Checks both fields. */
    public ScoringEpoch {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch: expected a non-negative number, found " + epoch);
        }
        if (asOf < 0 || asOf > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("asOf: expected Unix seconds in 0..4294967295, found " + asOf);
        }
    }

    /** Shorthand for {@code new ScoringEpoch(epoch, asOf)}. */
    public static ScoringEpoch of(long epoch, long asOf) {
        return new ScoringEpoch(epoch, asOf);
    }
}
