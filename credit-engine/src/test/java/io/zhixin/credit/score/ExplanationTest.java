package io.zhixin.credit.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.zhixin.credit.Fixtures;
import io.zhixin.credit.model.MinimumEvidence;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplanationTest {
    @Test
    void points_roundHalfUpToTenths() {
        assertThat(Explanation.points(-18_000)).isEqualTo("-18.0");
        assertThat(Explanation.points(1_500)).isEqualTo("+1.5");
        assertThat(Explanation.points(1_549)).isEqualTo("+1.5");
        assertThat(Explanation.points(1_550)).isEqualTo("+1.6");
    }

    @Test
    void words_useTheModelsDescriptionWithoutTheValueNote() {
        assertThat(Explanation.words(new Reason("TAX_FILED_ON_TIME", "compliance", 1_500), Fixtures.PERSON))
                .isEqualTo("TAX_FILED_ON_TIME: The tax bureau attests an individual income tax return filed on time (+1.5 compliance)");
    }

    @Test
    void summary_insufficientData_saysWhatIsMissing() {
        ScoreResult r = new ScoreResult.InsufficientData(Fixtures.subject(1), Fixtures.PERSON.idHex(), ScoringEpoch.of(1, Fixtures.AS_OF),
                1, 1, new MinimumEvidence(3, 2));
        assertThat(Explanation.summary(r)).isEqualTo("insufficient data (1 counted attestation in 1 dimension; the model needs 3 in 2)");
        assertThat(Explanation.reasons(r, Fixtures.PERSON)).isEmpty();
        assertThat(Explanation.lines(r, Fixtures.PERSON)).hasSize(2);
    }

    @Test
    void lines_scored_listEveryDimensionAndReason() {
        ScoreResult r = new ScoreResult.Scored(Fixtures.subject(1), Fixtures.PERSON.idHex(), ScoringEpoch.of(1, Fixtures.AS_OF), 627,
                "fair", 1, List.of(new DimensionScore("identity", 60, 1), new DimensionScore("compliance", 62, 1),
                        new DimensionScore("credit_history", 32, 1), new DimensionScore("capacity", 40, 0),
                        new DimensionScore("social_contribution", 40, 0)),
                List.of(new Reason("IDENTITY_VERIFIED", "identity", 30_000)), List.of(new Reason("PAYMENT_OVERDUE", "credit_history", -18_000)), 3);
        List<String> lines = Explanation.lines(r, Fixtures.PERSON);
        assertThat(lines.get(0)).endsWith(": 627 (fair)");
        assertThat(lines).hasSize(2 + 5 + 2);
        assertThat(lines.get(lines.size() - 1)).startsWith("  down  PAYMENT_OVERDUE: ").endsWith("(-18.0 credit_history)");
    }
}
