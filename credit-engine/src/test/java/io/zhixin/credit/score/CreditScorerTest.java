package io.zhixin.credit.score;

import static io.zhixin.credit.Fixtures.AS_OF;
import static io.zhixin.credit.Fixtures.ATTESTOR;
import static io.zhixin.credit.Fixtures.DAY;
import static io.zhixin.credit.Fixtures.OTHER_ATTESTOR;
import static io.zhixin.credit.Fixtures.PERSON;
import static io.zhixin.credit.Fixtures.att;
import static io.zhixin.credit.Fixtures.schema;
import static io.zhixin.credit.Fixtures.subject;
import static org.assertj.core.api.Assertions.assertThat;

import io.zhixin.credit.AccreditationInterval;
import io.zhixin.credit.Attestation;
import io.zhixin.credit.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreditScorerTest {
    private static final CreditScorer SCORER = CreditScorer.create(PERSON);
    private static final ScoringEpoch EPOCH = ScoringEpoch.of(7, AS_OF);
    private static final Accreditations ALL = Accreditations.of(Fixtures.accreditedForEverything());
    private static final String S = subject(1);

    /** Three attestations, three dimensions: the worked example of docs/credit.md. */
    static List<Attestation> workedExample() {
        return List.of(
                att(S, "IDENTITY_VERIFIED", 1, 100),   // +30,000 milli, no decay -> identity 30 + 30 = 60
                att(S, "TAX_FILED_ON_TIME", 1, 730),   // one half-life old: +1,500 -> compliance 61.5 -> 62
                att(S, "PAYMENT_OVERDUE", 200, 0));    // clamped to 90 days: -18,000 -> credit_history 32
    }

    private static ScoreResult score(List<Attestation> as, Accreditations acc, ScoringEpoch epoch) {
        AttestationColumns c = AttestationColumns.builder().addAll(as).build();
        return SCORER.score(c, 0, acc, epoch);
    }

    private static ScoreResult.Scored scored(List<Attestation> as) {
        return (ScoreResult.Scored) score(as, ALL, EPOCH);
    }

    private static int dimension(ScoreResult.Scored s, String id) {
        return s.dimensions().stream().filter(d -> d.dimension().equals(id)).findFirst().orElseThrow().score();
    }

    @Test
    void score_workedExample_matchesHandComputation() {
        ScoreResult.Scored s = scored(workedExample());
        assertThat(s.dimensions()).extracting(DimensionScore::score).containsExactly(60, 62, 32, 40, 40);
        // 350 + round(600 * (15*60 + 25*62 + 30*32 + 20*40 + 10*40) / (100 * 100)) = 350 + round(276.6) = 627
        assertThat(s.composite()).isEqualTo(627);
        assertThat(s.band()).isEqualTo("fair");
        assertThat(s.reasonsUp()).containsExactly(
                new Reason("IDENTITY_VERIFIED", "identity", 30_000), new Reason("TAX_FILED_ON_TIME", "compliance", 1_500));
        assertThat(s.reasonsDown()).containsExactly(new Reason("PAYMENT_OVERDUE", "credit_history", -18_000));
        assertThat(s.countedAttestations()).isEqualTo(3);
        assertThat(s.modelId()).isEqualTo(PERSON.idHex());
        assertThat(s.epoch()).isEqualTo(EPOCH);
    }

    @Test
    void score_attestorNotAccreditedAtIssueTime_doesNotCount() {
        List<Attestation> as = new ArrayList<>(workedExample());
        String loan = schema("LOAN_REPAID_ON_TIME");
        as.add(new Attestation(Fixtures.bytes32(900), S, loan, OTHER_ATTESTOR, 1, AS_OF - 50 * DAY, 0, 0)); // before
        as.add(new Attestation(Fixtures.bytes32(901), S, loan, OTHER_ATTESTOR, 1, AS_OF - 30 * DAY, 0, 0)); // inside
        as.add(new Attestation(Fixtures.bytes32(902), S, loan, OTHER_ATTESTOR, 1, AS_OF - 10 * DAY, 0, 0)); // at end: out
        List<AccreditationInterval> iv = new ArrayList<>(Fixtures.accreditedForEverything());
        iv.add(new AccreditationInterval(OTHER_ATTESTOR, loan, AS_OF - 40 * DAY, AS_OF - 10 * DAY));
        ScoreResult.Scored s = (ScoreResult.Scored) score(as, Accreditations.of(iv), EPOCH);
        assertThat(s.countedAttestations()).isEqualTo(4);
        // one fresh-ish loan repayment: 2500 * 2^(-30/730) -> floor; credit_history 32 + ~2.4
        assertThat(dimension(s, "credit_history")).isEqualTo(34);
    }

    @Test
    void score_accreditationEndedAfterIssue_stillCounts() {
        // accredited when it attested; losing the accreditation later does not undo the attestation
        List<AccreditationInterval> iv = new ArrayList<>();
        for (AccreditationInterval i : Fixtures.accreditedForEverything()) {
            iv.add(new AccreditationInterval(i.attestor(), i.schema(), i.validFrom(), AS_OF - 50 * DAY));
        }
        List<Attestation> as = List.of(att(S, "IDENTITY_VERIFIED", 1, 100), att(S, "TAX_FILED_ON_TIME", 1, 730),
                att(S, "PAYMENT_OVERDUE", 90, 10));
        ScoreResult r = score(as, Accreditations.of(iv), EPOCH);
        assertThat(r.countedAttestations()).isEqualTo(2); // the third was written after the accreditation ended
    }

    @Test
    void score_revokedBeforeAsOf_doesNotCount_revokedLater_does() {
        List<Attestation> as = new ArrayList<>(workedExample());
        Attestation p = as.remove(2);
        ScoreResult.Scored later = scored(append(as, p.revoked(AS_OF + 1)));
        assertThat(dimension(later, "credit_history")).isEqualTo(32);
        ScoreResult revoked = score(append(as, p.revoked(AS_OF)), ALL, EPOCH);
        assertThat(revoked).isInstanceOf(ScoreResult.InsufficientData.class);
        assertThat(revoked.countedAttestations()).isEqualTo(2);
    }

    @Test
    void score_expiredAtAsOf_doesNotCount_expiringLater_does() {
        List<Attestation> as = new ArrayList<>(workedExample());
        Attestation p = as.remove(2);
        Attestation expiresLater = new Attestation(p.uid(), p.subject(), p.schema(), p.attestor(), p.value(), p.issuedAt(),
                AS_OF + 1, 0);
        Attestation expired = new Attestation(p.uid(), p.subject(), p.schema(), p.attestor(), p.value(), p.issuedAt(),
                AS_OF, 0);
        assertThat(score(append(as, expiresLater), ALL, EPOCH).countedAttestations()).isEqualTo(3);
        assertThat(score(append(as, expired), ALL, EPOCH).countedAttestations()).isEqualTo(2);
    }

    @Test
    void score_issuedAfterAsOf_doesNotCount() {
        List<Attestation> as = new ArrayList<>(workedExample());
        as.add(att(S, "COURT_JUDGMENT_UNPAID", 1, -1)); // tomorrow
        assertThat(scored(as).countedAttestations()).isEqualTo(3);
    }

    @Test
    void score_decay_halvesPerHalfLife() {
        List<Attestation> base = List.of(att(S, "IDENTITY_VERIFIED", 1, 1), att(S, "PAYMENT_OVERDUE", 1, 1));
        // 10 traffic violations: 4,000 each, half-life 365 days, cap 20,000
        long fresh = -reasonMilli(scored(append(base, att(S, "TRAFFIC_VIOLATION", 1, 0))), "TRAFFIC_VIOLATION");
        long oneHalfLife = -reasonMilli(scored(append(base, att(S, "TRAFFIC_VIOLATION", 1, 365))), "TRAFFIC_VIOLATION");
        long twoHalfLives = -reasonMilli(scored(append(base, att(S, "TRAFFIC_VIOLATION", 1, 730))), "TRAFFIC_VIOLATION");
        assertThat(fresh).isEqualTo(4_000);
        assertThat(oneHalfLife).isEqualTo(2_000);
        assertThat(twoHalfLives).isEqualTo(1_000);
    }

    @Test
    void score_cap_limitsASchemasTotal() {
        List<Attestation> as = new ArrayList<>(workedExample());
        for (int i = 0; i < 15; i++) {
            as.add(att(S, "LOAN_REPAID_ON_TIME", 1, 0)); // 15 x 2,500 = 37,500, cap 30,000
        }
        ScoreResult.Scored s = scored(as);
        assertThat(reasonMilli(s, "LOAN_REPAID_ON_TIME")).isEqualTo(30_000);
        assertThat(dimension(s, "credit_history")).isEqualTo(62); // 50 - 18 + 30
        assertThat(s.reasonsUp().get(0).code()).isEqualTo("IDENTITY_VERIFIED"); // 30,000 each: earlier schema first
        assertThat(s.reasonsUp().get(1).code()).isEqualTo("LOAN_REPAID_ON_TIME");
    }

    @Test
    void score_dimensionsClampTo0And100() {
        List<Attestation> as = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            as.add(att(S, "COURT_JUDGMENT_UNPAID", 1, 0)); // -50,000 cap on compliance 60 -> 10
            as.add(att(S, "TRAFFIC_VIOLATION", 1, 0));     // -20,000 -> -10 -> clamped to 0
        }
        as.add(att(S, "IDENTITY_VERIFIED", 1, 0));
        for (int i = 0; i < 3; i++) {
            as.add(att(S, "IDENTITY_REVERIFIED", 1, 0)); // 30 + 30 + 20 = 80
        }
        ScoreResult.Scored s = scored(as);
        assertThat(dimension(s, "compliance")).isZero();
        assertThat(dimension(s, "identity")).isEqualTo(80);
        assertThat(s.reasonsDown()).extracting(Reason::code).containsExactly("COURT_JUDGMENT_UNPAID", "TRAFFIC_VIOLATION");
    }

    @Test
    void score_tooFewAttestations_isInsufficientData() {
        ScoreResult r = score(List.of(att(S, "IDENTITY_VERIFIED", 1, 1), att(S, "TAX_FILED_ON_TIME", 1, 1)), ALL, EPOCH);
        assertThat(r).isEqualTo(new ScoreResult.InsufficientData(S, PERSON.idHex(), EPOCH, 2, 2, PERSON.minimumEvidence()));
    }

    @Test
    void score_evidenceInOneDimensionOnly_isInsufficientData() {
        List<Attestation> as = List.of(att(S, "LOAN_REPAID_ON_TIME", 1, 1), att(S, "LOAN_REPAID_ON_TIME", 1, 2),
                att(S, "UTILITY_PAID_ON_TIME", 1, 3), att(S, "PAYMENT_OVERDUE", 3, 4));
        ScoreResult r = score(as, ALL, EPOCH);
        assertThat(r).isInstanceOfSatisfying(ScoreResult.InsufficientData.class, i -> {
            assertThat(i.countedAttestations()).isEqualTo(4);
            assertThat(i.dimensionsWithEvidence()).isEqualTo(1);
        });
    }

    @Test
    void score_subjectWithNothing_isInsufficientData() {
        AttestationColumns c = AttestationColumns.builder().subject(S).build();
        assertThat(SCORER.score(c, 0, ALL, EPOCH)).isInstanceOf(ScoreResult.InsufficientData.class);
    }

    @Test
    void score_schemaNotInModel_isIgnored() {
        List<Attestation> as = new ArrayList<>(workedExample());
        as.add(new Attestation(Fixtures.bytes32(999), S, Fixtures.bytes32(0xABCDEF), ATTESTOR, 1, AS_OF - DAY, 0, 0));
        assertThat(scored(as)).isEqualTo(scored(workedExample()));
    }

    @Test
    void score_reasonCodes_listAtMostThreeEachWay_strongestFirst() {
        List<Attestation> as = new ArrayList<>(workedExample());
        as.add(att(S, "VOLUNTEER_SERVICE", 200, 0)); // 20,000
        as.add(att(S, "BLOOD_DONATION", 1, 0));      // 5,000
        as.add(att(S, "TRAFFIC_VIOLATION", 1, 0));   // -4,000
        as.add(att(S, "COURT_JUDGMENT_UNPAID", 1, 0)); // -30,000
        as.add(att(S, "PAYMENT_OVERDUE", 30, 0));    // with the first: -24,000
        ScoreResult.Scored s = scored(as);
        assertThat(s.reasonsUp()).extracting(Reason::code)
                .containsExactly("IDENTITY_VERIFIED", "VOLUNTEER_SERVICE", "BLOOD_DONATION");
        assertThat(s.reasonsDown()).extracting(Reason::code)
                .containsExactly("COURT_JUDGMENT_UNPAID", "PAYMENT_OVERDUE", "TRAFFIC_VIOLATION");
        assertThat(s.reasonsDown()).extracting(Reason::milliPoints).containsExactly(-30_000L, -24_000L, -4_000L);
    }

    @Test
    void scoreAll_manySubjectsOnTwoThreads_equalsOneThread_andSingleScores() {
        List<Attestation> as = new ArrayList<>();
        java.util.Random r = new java.util.Random(5);
        List<String> codes = PERSON.schemas().stream().map(io.zhixin.credit.model.SchemaRule::code).toList();
        for (int i = 0; i < 30_000; i++) {
            as.add(att(subject(r.nextInt(5_000)), codes.get(r.nextInt(codes.size())), r.nextInt(100), r.nextInt(2000)));
        }
        AttestationColumns c = AttestationColumns.builder().addAll(as).build();
        BatchScores one = SCORER.scoreAll(c, ALL, EPOCH, 1);
        BatchScores two = SCORER.scoreAll(c, ALL, EPOCH, 2);
        assertThat(two.digest()).isEqualTo(one.digest());
        for (int i = 0; i < c.subjectCount(); i += 97) {
            assertThat(SCORER.score(c, i, ALL, EPOCH)).isEqualTo(one.result(i));
        }
        assertThat(one.scoredCount()).isBetween(1, c.subjectCount());
    }

    private static long reasonMilli(ScoreResult.Scored s, String code) {
        return java.util.stream.Stream.concat(s.reasonsUp().stream(), s.reasonsDown().stream())
                .filter(x -> x.code().equals(code)).findFirst().orElseThrow().milliPoints();
    }

    private static List<Attestation> append(List<Attestation> as, Attestation a) {
        List<Attestation> out = new ArrayList<>(as);
        out.add(a);
        return out;
    }
}
