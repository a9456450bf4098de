package io.zhixin.credit.score;

import io.zhixin.credit.model.Dimension;
import io.zhixin.credit.model.SchemaRule;
import io.zhixin.credit.model.ScoringModel;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The scores of many subjects, held in primitive arrays (one row per subject, in the order of the
 * {@link AttestationColumns} scored). {@link #result(int)} turns a row into a {@link ScoreResult}.
 *
 * <p>Not thread-safe while a scorer fills it; read-only and safe to share afterwards.
 */
public final class BatchScores {
    final ScoringModel model;
    final ScoringEpoch epoch;
    final AttestationColumns columns;
    final int firstSubject;
    final int rows;
    final int dims;
    final int maxUp;
    final int maxDown;
    /** 350..950, or 0 for insufficient data. */
    final short[] composite;
    final byte[] band;
    final byte[] dimScore;
    final int[] dimEvidence;
    final int[] counted;
    final byte[] dimsWithEvidence;
    /** Rule index + 1 of each reason, 0 for none. */
    final byte[] upRule;
    final long[] upMilli;
    final byte[] downRule;
    final long[] downMilli;

    BatchScores(ScoringModel model, ScoringEpoch epoch, AttestationColumns columns, int firstSubject, int rows) {
        this.model = model;
        this.epoch = epoch;
        this.columns = columns;
        this.firstSubject = firstSubject;
        this.rows = rows;
        this.dims = model.dimensions().size();
        this.maxUp = model.reasonsUp();
        this.maxDown = model.reasonsDown();
        this.composite = new short[rows];
        this.band = new byte[rows];
        this.dimScore = new byte[rows * dims];
        this.dimEvidence = new int[rows * dims];
        this.counted = new int[rows];
        this.dimsWithEvidence = new byte[rows];
        this.upRule = new byte[rows * maxUp];
        this.upMilli = new long[rows * maxUp];
        this.downRule = new byte[rows * maxDown];
        this.downMilli = new long[rows * maxDown];
    }

    /** The number of subjects. */
    public int size() {
        return rows;
    }

    /** Whether row {@code i} has a score (rather than insufficient data). */
    public boolean isScored(int i) {
        return composite[i] != 0;
    }

    /** The composite of row {@code i}, or 0 for insufficient data. */
    public int composite(int i) {
        return composite[i];
    }

    /** The number of rows with a score. */
    public int scoredCount() {
        int n = 0;
        for (int i = 0; i < rows; i++) {
            if (composite[i] != 0) {
                n++;
            }
        }
        return n;
    }

    /** The sum of counted attestations over all rows. */
    public long countedAttestations() {
        long n = 0;
        for (int c : counted) {
            n += c;
        }
        return n;
    }

    /** Row {@code i} as a result object. */
    public ScoreResult result(int i) {
        String subject = columns.subject(firstSubject + i);
        if (composite[i] == 0) {
            return new ScoreResult.InsufficientData(subject, model.idHex(), epoch, counted[i], dimsWithEvidence[i],
                    model.minimumEvidence());
        }
        List<DimensionScore> ds = new ArrayList<>(dims);
        for (int d = 0; d < dims; d++) {
            Dimension dim = model.dimensions().get(d);
            ds.add(new DimensionScore(dim.id(), dimScore[i * dims + d], dimEvidence[i * dims + d]));
        }
        return new ScoreResult.Scored(subject, model.idHex(), epoch, composite[i], model.bands().get(band[i]).name(),
                band[i], ds, reasons(upRule, upMilli, i * maxUp, maxUp), reasons(downRule, downMilli, i * maxDown, maxDown),
                counted[i]);
    }

    /**
     * SHA-256 over the canonical encodings ({@link ScoreEncoding}, zero salt) of every row in order: one value
     * that shows whether two runs, on any machines, produced the same bytes.
     */
    public byte[] digest() {
        MessageDigest md = ScoreEncoding.sha256();
        byte[] salt = new byte[32];
        for (int i = 0; i < rows; i++) {
            md.update(ScoreEncoding.encode(result(i), model, salt));
        }
        return md.digest();
    }

    private List<Reason> reasons(byte[] rule, long[] milli, int off, int max) {
        List<Reason> out = new ArrayList<>(max);
        for (int k = 0; k < max && rule[off + k] != 0; k++) {
            SchemaRule r = model.schemas().get((rule[off + k] & 0xFF) - 1);
            out.add(new Reason(r.code(), r.dimension(), milli[off + k]));
        }
        return out;
    }
}
