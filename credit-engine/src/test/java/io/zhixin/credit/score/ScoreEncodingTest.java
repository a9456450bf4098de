package io.zhixin.credit.score;

import static io.zhixin.credit.Fixtures.AS_OF;
import static io.zhixin.credit.Fixtures.PERSON;
import static io.zhixin.credit.Fixtures.att;
import static io.zhixin.credit.Fixtures.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.credit.Fixtures;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ScoreEncodingTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SALT = HEX.parseHex("a5".repeat(32));
    private static final ScoringEpoch EPOCH = ScoringEpoch.of(7, AS_OF);

    private static ScoreResult workedExample() {
        AttestationColumns c = AttestationColumns.builder().addAll(CreditScorerTest.workedExample()).build();
        return CreditScorer.create(PERSON).score(c, 0, Accreditations.of(Fixtures.accreditedForEverything()), EPOCH);
    }

    @Test
    void encode_workedExample_isTheGoldenVector() {
        byte[] bytes = ScoreEncoding.encode(workedExample(), PERSON, SALT);
        assertThat(HEX.formatHex(bytes)).isEqualTo(GOLDEN_SCORED);
        assertThat(HEX.formatHex(ScoreEncoding.scoreHash(workedExample(), PERSON, SALT))).isEqualTo(GOLDEN_SCORED_HASH);
    }

    static final String GOLDEN_SCORED = "01"
            + "c6a2883c1bf11458ba56dd7b9877734dfd7465c5ecdd1f9d85b44f612bce3a73" // model id
            + "0000000000000007" + "000000006b0e0e00" // epoch 7, asOf 2026-12-01T00:00:00Z
            + "0000000000000000000000000000000000000000000000000000000050000001" // subject
            + "01" + "0273" + "01" // scored, composite 627, band 1 (fair)
            + "05" + "3c3e202828" // dimensions 60 62 32 40 40
            + "02" + "11" + "4944454e544954595f5645524946494544" + "11" + "5441585f46494c45445f4f4e5f54494d45"
            + "01" + "0f" + "5041594d454e545f4f564552445545" // up: IDENTITY_VERIFIED, TAX_FILED_ON_TIME; down: PAYMENT_OVERDUE
            + "a5".repeat(32);
    static final String GOLDEN_SCORED_HASH = "69b44fe1e745a96f11327fec07428a95adbc97067abebf8f66b771c1b7d01f36";

    @Test
    void encode_workedExample_layout() {
        byte[] b = ScoreEncoding.encode(workedExample(), PERSON, SALT);
        assertThat(b[0]).isEqualTo((byte) 1);
        assertThat(HEX.formatHex(b, 1, 33)).isEqualTo(PERSON.idHex().substring(2));
        assertThat(HEX.formatHex(b, 33, 41)).isEqualTo("0000000000000007");
        assertThat(HEX.formatHex(b, 49, 81)).isEqualTo(CreditScorerTest.workedExample().get(0).subject().substring(2));
        assertThat(b[81]).isEqualTo((byte) 1); // scored
        assertThat(((b[82] & 0xFF) << 8) | (b[83] & 0xFF)).isEqualTo(627);
        assertThat(b[84]).isEqualTo((byte) 1); // band "fair"
        assertThat(HEX.formatHex(b, 85, 91)).isEqualTo("053c3e202828"); // 5 dims: 60 62 32 40 40
    }

    @Test
    void encode_insufficientData_isTheGoldenVector() {
        AttestationColumns c = AttestationColumns.builder().add(att(subject(9), "IDENTITY_VERIFIED", 1, 1)).build();
        ScoreResult r = CreditScorer.create(PERSON).score(c, 0, Accreditations.of(Fixtures.accreditedForEverything()), EPOCH);
        assertThat(r).isInstanceOf(ScoreResult.InsufficientData.class);
        String hex = HEX.formatHex(ScoreEncoding.encode(r, PERSON, SALT));
        assertThat(hex).isEqualTo("01" + PERSON.idHex().substring(2) + "0000000000000007" + "000000006b0e0e00"
                + subject(9).substring(2) + "02" + "00000001" + "01" + "a5".repeat(32));
    }

    @Test
    void encode_sameInputTwice_sameBytes() {
        assertThat(ScoreEncoding.encode(workedExample(), PERSON, SALT)).isEqualTo(ScoreEncoding.encode(workedExample(), PERSON, SALT));
    }

    @Test
    void encode_otherModelOrShortSalt_isRefused() {
        assertThatThrownBy(() -> ScoreEncoding.encode(workedExample(), Fixtures.ENTITY, SALT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("computed with model");
        assertThatThrownBy(() -> ScoreEncoding.encode(workedExample(), PERSON, new byte[16]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }
}
