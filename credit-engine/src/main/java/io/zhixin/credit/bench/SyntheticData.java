package io.zhixin.credit.bench;

import io.zhixin.credit.AccreditationInterval;
import io.zhixin.credit.Attestation;
import io.zhixin.credit.model.SchemaRule;
import io.zhixin.credit.model.ScoringModel;
import io.zhixin.credit.store.AttestationStore;
import io.zhixin.credit.store.IndexBatch;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Deterministic synthetic attestations for tests and benchmarks: the same seed gives the same data on any
 * machine (SplitMix64, written out here rather than borrowed from the JDK, whose generators may change).
 *
 * <p>Subjects are random bytes32 pseudonyms drawn from the generator: no personal data, and nothing derived
 * from any. The data is shaped to exercise every rule of scoring:
 * <ul>
 *   <li>each of the model's schemas has four accredited attestors; the fourth lost its accreditation three
 *       years before {@code asOf}, so its later attestations do not count;</li>
 *   <li>2% of attestations come from an attestor never accredited;</li>
 *   <li>10% carry an expiry within three years of issue (many already past at {@code asOf});</li>
 *   <li>2% are revoked a day after issue;</li>
 *   <li>issue times rise through the five years before {@code asOf} in chain order, and each attestation
 *       goes to a uniformly drawn subject, so subjects have Poisson-distributed counts (some too few to
 *       score);</li>
 *   <li>uids are a counter (real uids are keccak hashes; a counter keeps the uid index append-only).</li>
 * </ul>
 */
public final class SyntheticData {
    static final long YEAR = 365L * 86_400;
    private static final int ATTESTORS_PER_SCHEMA = 4;

    private final ScoringModel model;
    private final int subjects;
    private final long attestations;
    private final long seed;
    private final long asOf;

    private SyntheticData(ScoringModel model, int subjects, long attestations, long seed, long asOf) {
        if (subjects < 1 || attestations < 0) {
            throw new IllegalArgumentException("expected at least one subject and no negative count");
        }
        this.model = model;
        this.subjects = subjects;
        this.attestations = attestations;
        this.seed = seed;
        this.asOf = asOf;
    }

    /** Data for {@code model}: {@code attestations} attestations about {@code subjects} subjects, from {@code seed}. */
    public static SyntheticData of(ScoringModel model, int subjects, long attestations, long seed, long asOf) {
        return new SyntheticData(model, subjects, attestations, seed, asOf);
    }

    /** The as-of time the data is shaped around. */
    public long asOf() {
        return asOf;
    }

    /** The pseudonym of subject {@code i}: 32 bytes from the generator seeded with the seed and {@code i}. */
    public String subject(int i) {
        SplitMix64 r = new SplitMix64(seed ^ 0x5EB7EC7L ^ (long) i * 0x9E3779B97F4A7C15L);
        byte[] b = new byte[32];
        for (int k = 0; k < 4; k++) {
            long v = r.next();
            for (int j = 0; j < 8; j++) {
                b[8 * k + j] = (byte) (v >>> (56 - 8 * j));
            }
        }
        return "0x" + HexFormat.of().formatHex(b);
    }

    /** A bytes32 counter as {@code 0x} + 64 hex digits. */
    static String uid(long n) {
        String h = Long.toHexString(n);
        return "0x" + "0".repeat(64 - h.length()) + h;
    }

    /** The address of attestor {@code i}. */
    static String attestor(int i) {
        return String.format("0x%040x", 0xA77E5700L + i);
    }

    /** Every accreditation interval of the data. */
    public List<AccreditationInterval> accreditations() {
        List<AccreditationInterval> out = new ArrayList<>();
        List<SchemaRule> rules = model.schemas();
        for (int s = 0; s < rules.size(); s++) {
            for (int k = 0; k < ATTESTORS_PER_SCHEMA; k++) {
                long until = k == ATTESTORS_PER_SCHEMA - 1 ? asOf - 3 * YEAR : Long.MAX_VALUE;
                out.add(new AccreditationInterval(attestor(s * ATTESTORS_PER_SCHEMA + k), rules.get(s).id(),
                        asOf - 10 * YEAR, until));
            }
        }
        return out;
    }

    /** Calls {@code sink} for every attestation, in chain order. */
    public void forEach(java.util.function.Consumer<Attestation> sink) {
        SplitMix64 r = new SplitMix64(seed);
        List<SchemaRule> rules = model.schemas();
        int unaccredited = rules.size() * ATTESTORS_PER_SCHEMA;
        String[] attestors = new String[unaccredited + 1];
        for (int k = 0; k < attestors.length; k++) {
            attestors[k] = attestor(k);
        }
        long from = asOf - 5 * YEAR;
        long span = 5 * YEAR;
        for (long i = 0; i < attestations; i++) {
            int subject = r.nextInt(subjects);
            int s = r.nextInt(rules.size());
            SchemaRule rule = rules.get(s);
            int attestor = r.nextInt(100) < 2 ? unaccredited : s * ATTESTORS_PER_SCHEMA + r.nextInt(ATTESTORS_PER_SCHEMA);
            int value = rule.valueMin() + r.nextInt(rule.valueMax() - rule.valueMin() + 1);
            long issued = from + (attestations == 0 ? 0 : i * span / attestations);
            long expires = r.nextInt(100) < 10 ? issued + 1 + r.nextInt((int) (3 * YEAR)) : 0;
            long revoked = r.nextInt(100) < 2 ? issued + 86_400 : 0;
            sink.accept(new Attestation(uid(i + 1), subject(subject), rule.id(), attestors[attestor],
                    value, issued, expires, revoked));
        }
    }

    /**
     * Writes the data to {@code store} as the indexer would: batches of {@code batchSize} attestations, each with
     * the next block number as its checkpoint, the accreditations in the first.
     *
     * @param progress told the number of attestations written after each batch.
     */
    public void writeTo(AttestationStore store, int batchSize, LongConsumer progress) {
        long[] block = {store.checkpoint().orElse(0) + 1};
        long[] written = {0};
        IndexBatch.Builder[] b = {IndexBatch.upToBlock(block[0])};
        for (AccreditationInterval i : accreditations()) {
            b[0].accreditation(i.attestor(), i.schema(), List.of(i));
        }
        int[] pending = {0};
        forEach(a -> {
            b[0].attestation(a);
            if (++pending[0] == batchSize) {
                store.apply(b[0].build());
                written[0] += pending[0];
                progress.accept(written[0]);
                pending[0] = 0;
                b[0] = IndexBatch.upToBlock(++block[0]);
            }
        });
        store.apply(b[0].build());
        progress.accept(written[0] + pending[0]);
    }

    /** SplitMix64 (Steele, Lea, Flood 2014), fixed here so that the data never changes with the JDK. */
    static final class SplitMix64 {
        private long state;

        SplitMix64(long seed) {
            this.state = seed;
        }

        long next() {
            long z = (state += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** Uniform in 0..bound-1 (multiply-shift; the bias is below 2^-32 for the bounds used here). */
        int nextInt(int bound) {
            return (int) (((next() >>> 32) * bound) >>> 32);
        }
    }
}
