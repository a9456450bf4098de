package io.zhixin.credit.score;

import io.zhixin.credit.model.SchemaRule;
import io.zhixin.credit.model.ScoringModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scores subjects with one {@link ScoringModel}, in integer arithmetic only, so that the same attestations,
 * accreditations, model and epoch give the same bytes on any machine.
 *
 * <h2>What counts</h2>
 * An attestation counts when, at the epoch's as-of time {@code T}:
 * <ul>
 *   <li>its schema is in the model;</li>
 *   <li>it was issued at or before {@code T};</li>
 *   <li>its attestor was accredited for its schema at its issue time ({@link Accreditations});</li>
 *   <li>it is not revoked at {@code T} ({@code revokedAt == 0 || revokedAt > T});</li>
 *   <li>it is not expired at {@code T} ({@code expiresAt == 0 || expiresAt > T}).</li>
 * </ul>
 *
 * <h2>Arithmetic</h2>
 * For each counted attestation, {@code weightMilli * clamp(value) * Decay.factorQ30(T - issuedAt) >> 30}
 * milli-points (floor); per schema the sum is capped at {@code capMilli} and signed by the direction; per
 * dimension {@code base * 1000} plus the signed schema sums, clamped to 0..100,000, is rounded half up to a
 * 0..100 score; the composite is {@code 350 + round_half_up(600 * sum(weight * score) / (100 * sum(weight)))},
 * so that anyone can recompute it from the disclosed dimension scores. Reasons are the schemas with the
 * largest positive and negative signed sums (ties: earlier schema in the model first). A subject with fewer
 * counted attestations, or fewer dimensions with evidence, than the model's minimum gets
 * {@link ScoreResult.InsufficientData}.
 *
 * <pre>{@code
 * CreditScorer scorer = CreditScorer.create(ScoringModel.builtIn("person-v1"));
 * BatchScores all = scorer.scoreAll(columns, accreditations, ScoringEpoch.of(42, asOf), 2);
 * ScoreResult first = all.result(0);
 * }</pre>
 *
 * <p>Immutable and thread-safe: create one per model and share it.
 */
public final class CreditScorer {
    private static final int CHUNK = 2048;

    private final ScoringModel model;
    private final int rules;
    private final int dims;
    private final int[] ruleDim;
    private final int[] ruleSign;
    private final long[] ruleWeight;
    private final int[] ruleMin;
    private final int[] ruleMax;
    private final long[] ruleHalfLife;
    private final long[] ruleCap;
    private final int[] dimBaseMilli;
    private final int[] dimWeight;
    private final long weightSum;

    private CreditScorer(ScoringModel model) {
        this.model = model;
        List<SchemaRule> rs = model.schemas();
        this.rules = rs.size();
        this.dims = model.dimensions().size();
        ruleDim = new int[rules];
        ruleSign = new int[rules];
        ruleWeight = new long[rules];
        ruleMin = new int[rules];
        ruleMax = new int[rules];
        ruleHalfLife = new long[rules];
        ruleCap = new long[rules];
        for (int r = 0; r < rules; r++) {
            SchemaRule s = rs.get(r);
            ruleDim[r] = s.dimensionIndex();
            ruleSign[r] = s.direction().sign();
            ruleWeight[r] = s.weightMilli();
            ruleMin[r] = s.valueMin();
            ruleMax[r] = s.valueMax();
            ruleHalfLife[r] = s.halfLifeDays() * 86_400L;
            ruleCap[r] = s.capMilli();
        }
        dimBaseMilli = new int[dims];
        dimWeight = new int[dims];
        long w = 0;
        for (int d = 0; d < dims; d++) {
            dimBaseMilli[d] = model.dimensions().get(d).base() * 1000;
            dimWeight[d] = model.dimensions().get(d).weight();
            w += dimWeight[d];
        }
        weightSum = w;
    }

    /** A scorer for {@code model}. */
    public static CreditScorer create(ScoringModel model) {
        return new CreditScorer(model);
    }

    /** The model. */
    public ScoringModel model() {
        return model;
    }

    /** Scores subject {@code subjectIndex} of {@code columns}. */
    public ScoreResult score(AttestationColumns columns, int subjectIndex, Accreditations accreditations,
            ScoringEpoch epoch) {
        if (subjectIndex < 0 || subjectIndex >= columns.subjectCount) {
            throw new IndexOutOfBoundsException("subject index " + subjectIndex + " of " + columns.subjectCount);
        }
        BatchScores out = new BatchScores(model, epoch, columns, subjectIndex, 1);
        new Pass(columns, accreditations, epoch, out).scoreRange(subjectIndex, subjectIndex + 1, new Scratch());
        return out.result(0);
    }

    /**
     * Scores every subject of {@code columns}, on {@code threads} threads over ranges of subjects.
     *
     * @throws IllegalArgumentException if {@code threads < 1}.
     */
    public BatchScores scoreAll(AttestationColumns columns, Accreditations accreditations, ScoringEpoch epoch,
            int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected at least 1, found " + threads);
        }
        BatchScores out = new BatchScores(model, epoch, columns, 0, columns.subjectCount);
        Pass pass = new Pass(columns, accreditations, epoch, out);
        int n = columns.subjectCount;
        if (threads == 1 || n <= CHUNK) {
            pass.scoreRange(0, n, new Scratch());
            return out;
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "credit-scorer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    Scratch scratch = new Scratch();
                    for (int from; (from = next.getAndAdd(CHUNK)) < n; ) {
                        pass.scoreRange(from, Math.min(n, from + CHUNK), scratch);
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("scoring failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /** Per-thread working arrays. */
    private final class Scratch {
        final long[] sum = new long[rules];
        final int[] count = new int[rules];
        final int[] touched = new int[rules];
        final long[] dimMilli = new long[dims];
        final int[] dimCount = new int[dims];
        final int[] topUp = new int[Math.max(1, model.reasonsUp())];
        final long[] topUpVal = new long[Math.max(1, model.reasonsUp())];
        final int[] topDown = new int[Math.max(1, model.reasonsDown())];
        final long[] topDownVal = new long[Math.max(1, model.reasonsDown())];
    }

    /** One scoring run: the columns' dictionaries resolved against the model and the accreditations. */
    private final class Pass {
        final AttestationColumns c;
        final long asOf;
        final int[] ruleOfSchema;
        final Accreditations.Table acc;
        final BatchScores out;

        Pass(AttestationColumns c, Accreditations accreditations, ScoringEpoch epoch, BatchScores out) {
            this.c = c;
            this.asOf = epoch.asOf();
            this.out = out;
            ruleOfSchema = new int[c.schemaIds.size()];
            boolean[] used = new boolean[c.schemaIds.size()];
            for (int s = 0; s < ruleOfSchema.length; s++) {
                ruleOfSchema[s] = model.schemaIndexOf(c.schemaIds.get(s));
                used[s] = ruleOfSchema[s] >= 0;
            }
            acc = accreditations.table(c.attestorIds, c.schemaIds, used);
        }

        void scoreRange(int from, int to, Scratch x) {
            final char[] schema = c.schema;
            final int[] attestor = c.attestor;
            final short[] value = c.value;
            final int[] issuedAt = c.issuedAt;
            final int[] expiresAt = c.expiresAt;
            final int[] revokedAt = c.revokedAt;
            final long t = asOf;
            for (int s = from; s < to; s++) {
                int touchedCount = 0;
                int counted = 0;
                for (int i = c.start[s], end = c.start[s + 1]; i < end; i++) {
                    int sc = schema[i];
                    int r = ruleOfSchema[sc];
                    if (r < 0) {
                        continue;
                    }
                    long issued = issuedAt[i] & 0xFFFF_FFFFL;
                    if (issued > t) {
                        continue;
                    }
                    long exp = expiresAt[i] & 0xFFFF_FFFFL;
                    if (exp != 0 && exp <= t) {
                        continue;
                    }
                    long rev = revokedAt[i] & 0xFFFF_FFFFL;
                    if (rev != 0 && rev <= t) {
                        continue;
                    }
                    if (!acc.accredited(attestor[i], sc, issued)) {
                        continue;
                    }
                    int v = value[i];
                    v = v < ruleMin[r] ? ruleMin[r] : Math.min(v, ruleMax[r]);
                    long contribution = (ruleWeight[r] * v * Decay.factorQ30(t - issued, ruleHalfLife[r])) >> 30;
                    if (x.count[r]++ == 0) {
                        x.touched[touchedCount++] = r;
                        x.sum[r] = 0;
                    }
                    x.sum[r] += contribution;
                    counted++;
                }
                finish(s - out.firstSubject, counted, touchedCount, x);
            }
        }

        private void finish(int row, int counted, int touchedCount, Scratch x) {
            for (int d = 0; d < dims; d++) {
                x.dimMilli[d] = dimBaseMilli[d];
                x.dimCount[d] = 0;
            }
            int nUp = 0;
            int nDown = 0;
            int maxUp = model.reasonsUp();
            int maxDown = model.reasonsDown();
            for (int k = 0; k < touchedCount; k++) {
                int r = x.touched[k];
                long signed = ruleSign[r] * Math.min(x.sum[r], ruleCap[r]);
                x.dimMilli[ruleDim[r]] += signed;
                x.dimCount[ruleDim[r]] += x.count[r];
                x.count[r] = 0;
                if (signed > 0 && maxUp > 0) {
                    nUp = insert(x.topUp, x.topUpVal, nUp, maxUp, r, signed);
                } else if (signed < 0 && maxDown > 0) {
                    nDown = insert(x.topDown, x.topDownVal, nDown, maxDown, r, -signed);
                }
            }
            int withEvidence = 0;
            for (int d = 0; d < dims; d++) {
                if (x.dimCount[d] > 0) {
                    withEvidence++;
                }
                out.dimEvidence[row * dims + d] = x.dimCount[d];
            }
            out.counted[row] = counted;
            out.dimsWithEvidence[row] = (byte) withEvidence;
            if (counted < model.minimumEvidence().attestations() || withEvidence < model.minimumEvidence().dimensions()) {
                out.composite[row] = 0;
                out.band[row] = -1;
                return;
            }
            long weighted = 0;
            for (int d = 0; d < dims; d++) {
                long m = Math.max(0, Math.min(100_000, x.dimMilli[d]));
                int score = (int) ((m + 500) / 1000);
                out.dimScore[row * dims + d] = (byte) score;
                weighted += (long) dimWeight[d] * score;
            }
            long den = 100 * weightSum;
            int composite = (int) (350 + (1200 * weighted + den) / (2 * den));
            out.composite[row] = (short) composite;
            out.band[row] = (byte) model.bandIndexOf(composite);
            for (int k = 0; k < nUp; k++) {
                out.upRule[row * maxUp + k] = (byte) (x.topUp[k] + 1);
                out.upMilli[row * maxUp + k] = x.topUpVal[k];
            }
            for (int k = 0; k < nDown; k++) {
                out.downRule[row * maxDown + k] = (byte) (x.topDown[k] + 1);
                out.downMilli[row * maxDown + k] = -x.topDownVal[k];
            }
        }
    }

    /**
     * Inserts rule {@code r} with magnitude {@code v} into the top list (largest first; equal magnitudes keep the
     * lower rule index first) and returns the new length.
     */
    private static int insert(int[] rules, long[] vals, int n, int max, int r, long v) {
        int pos = n;
        while (pos > 0 && (vals[pos - 1] < v || (vals[pos - 1] == v && rules[pos - 1] > r))) {
            pos--;
        }
        if (pos >= max) {
            return n;
        }
        int len = Math.min(n + 1, max);
        for (int k = len - 1; k > pos; k--) {
            rules[k] = rules[k - 1];
            vals[k] = vals[k - 1];
        }
        rules[pos] = r;
        vals[pos] = v;
        return len;
    }
}
