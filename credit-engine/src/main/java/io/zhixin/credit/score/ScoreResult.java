package io.zhixin.credit.score;

import io.zhixin.credit.model.MinimumEvidence;
import java.util.List;

/**
 * The outcome of scoring one subject: either {@link Scored} or {@link InsufficientData}, never an invented
 * score for a subject the model knows too little about.
 */
public sealed interface ScoreResult permits ScoreResult.Scored, ScoreResult.InsufficientData {
    /** The subject's pseudonym, {@code 0x} + 64 hex digits. */
    String subject();

    /** The id of the model that computed it, {@code 0x} + 64 hex digits. */
    String modelId();

    /** The epoch and as-of time. */
    ScoringEpoch epoch();

    /** How many attestations counted (accredited at issue, not revoked or expired at the as-of time, in the model). */
    int countedAttestations();

    /**
     * A score.
     *
     * @param subject the subject's pseudonym.
     * @param modelId the model id.
     * @param epoch the epoch and as-of time.
     * @param composite 350..950.
     * @param band the band's name.
     * @param bandIndex the band's position in the model.
     * @param dimensions every dimension, in model order.
     * @param reasonsUp the strongest factors up, strongest first.
     * @param reasonsDown the strongest factors down, strongest first.
     * @param countedAttestations how many attestations counted.
     */
    record Scored(
            String subject,
            String modelId,
            ScoringEpoch epoch,
            int composite,
            String band,
            int bandIndex,
            List<DimensionScore> dimensions,
            List<Reason> reasonsUp,
            List<Reason> reasonsDown,
            int countedAttestations) implements ScoreResult {
        /** Copies the lists. */
        public Scored {
            dimensions = List.copyOf(dimensions);
            reasonsUp = List.copyOf(reasonsUp);
            reasonsDown = List.copyOf(reasonsDown);
        }
    }

    /**
     * No score: the subject has fewer counted attestations, or fewer dimensions with evidence, than the model's
     * minimum.
     *
     * @param subject the subject's pseudonym.
     * @param modelId the model id.
     * @param epoch the epoch and as-of time.
     * @param countedAttestations how many attestations counted.
     * @param dimensionsWithEvidence how many dimensions had at least one.
     * @param required what the model asks for.
     */
    record InsufficientData(
            String subject,
            String modelId,
            ScoringEpoch epoch,
            int countedAttestations,
            int dimensionsWithEvidence,
            MinimumEvidence required) implements ScoreResult {}
}
