package io.zhixin.credit.bench;

import io.zhixin.credit.model.ScoringModel;
import io.zhixin.credit.score.BatchScores;
import io.zhixin.credit.score.CreditScorer;
import io.zhixin.credit.score.ScoringEpoch;
import io.zhixin.credit.store.SqliteAttestationStore;
import io.zhixin.credit.store.StoreSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The scale benchmark: generates synthetic attestations into the embedded store (once; later runs reuse the
 * file), then, {@code --runs} times, reads a snapshot from the store and scores every subject, reporting
 * load time, scoring time, throughput and peak heap.
 *
 * <pre>
 * java -Xmx2g -cp CLASSPATH io.zhixin.credit.bench.ScaleBenchmark \
 *     --subjects 1000000 --attestations 20000000 [--threads 2] [--runs 3] [--seed 1] [--db FILE] [--model person-v1]
 * </pre>
 *
 * Peak heap is the sum over heap memory pools of each pool's peak usage since the run began (an upper bound
 * on the true peak, as pools peak at different moments); the pools are reset after generation and a GC.
 */
public final class ScaleBenchmark {
    /** The as-of time of the benchmark's epoch: 2026-12-01T00:00:00Z. */
    public static final long AS_OF = 1_796_083_200L;

    /**
     * The benchmark's options.
     *
     * @param subjects how many subjects.
     * @param attestations how many attestations.
     * @param threads reader and scorer threads.
     * @param runs how many measured runs.
     * @param seed the generator's seed.
     * @param db the store file.
     * @param model the built-in model name.
     */
    public record Options(int subjects, long attestations, int threads, int runs, long seed, Path db, String model) {
        static Options parse(String[] args) {
            int subjects = 1_000_000;
            long attestations = 20_000_000;
            int threads = Runtime.getRuntime().availableProcessors();
            int runs = 3;
            long seed = 1;
            Path db = null;
            String model = "person-v1";
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--subjects" -> subjects = Integer.parseInt(v);
                    case "--attestations" -> attestations = Long.parseLong(v);
                    case "--threads" -> threads = Integer.parseInt(v);
                    case "--runs" -> runs = Integer.parseInt(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--db" -> db = Path.of(v);
                    case "--model" -> model = v;
                    default -> throw new IllegalArgumentException("unknown option " + a
                            + "; expected --subjects --attestations --threads --runs --seed --db --model");
                }
            }
            if (db == null) {
                db = Path.of("target", "credit-bench", "bench-" + model + "-" + subjects + "-" + attestations + "-" + seed + ".sqlite");
            }
            return new Options(subjects, attestations, threads, runs, seed, db, model);
        }
    }

    /**
     * One measured run.
     *
     * @param loadMillis reading the snapshot from the store, grouped by subject.
     * @param scoreMillis scoring every subject.
     * @param rows attestations scored.
     * @param subjects subjects scored.
     * @param scored subjects with a score (the rest: insufficient data).
     * @param counted attestations that counted.
     * @param peakHeapBytes the sum of the heap pools' peaks during the run.
     * @param digest SHA-256 over every score's canonical encoding, hex.
     */
    public record Run(long loadMillis, long scoreMillis, long rows, int subjects, int scored, long counted,
            long peakHeapBytes, String digest) {
        /** Attestations scored per second of scoring. */
        public long scoringRate() {
            return scoreMillis == 0 ? 0 : rows * 1000 / scoreMillis;
        }

        /** Load plus scoring. */
        public long totalMillis() {
            return loadMillis + scoreMillis;
        }
    }

    private ScaleBenchmark() {}

    /** Runs the benchmark with command-line options and prints the report. */
    public static void main(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        run(o, System.out);
    }

    /** Runs the benchmark, printing progress and the report to {@code out}; returns the measured runs. */
    public static List<Run> run(Options o, PrintStream out) {
        ScoringModel model = ScoringModel.builtIn(o.model());
        ensureData(o, model, out);
        CreditScorer scorer = CreditScorer.create(model);
        List<Run> runs = new ArrayList<>();
        out.printf("machine: %d processors, max heap %d MiB, %s %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"), System.getProperty("java.version"));
        for (int k = 0; k < o.runs(); k++) {
            System.gc();
            resetPeaks();
            long t0 = System.nanoTime();
            StoreSnapshot snap;
            try (SqliteAttestationStore store = SqliteAttestationStore.open(o.db())) {
                snap = store.snapshot(o.threads());
            }
            long t1 = System.nanoTime();
            BatchScores scores = scorer.scoreAll(snap.columns(), snap.accreditations(), ScoringEpoch.of(1, AS_OF), o.threads());
            long t2 = System.nanoTime();
            long peak = peakHeap();
            String digest = HexFormat.of().formatHex(scores.digest());
            Run r = new Run((t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, snap.columns().rowCount(), scores.size(),
                    scores.scoredCount(), scores.countedAttestations(), peak, digest);
            runs.add(r);
            out.printf("run %d: load %,d ms + score %,d ms = %,d ms; %,d attestations, %,d subjects (%,d scored, %,d"
                            + " insufficient data), %,d counted; scoring %,d attestations/s; peak heap %,d MiB; digest %s%n",
                    k + 1, r.loadMillis(), r.scoreMillis(), r.totalMillis(), r.rows(), r.subjects(), r.scored(),
                    r.subjects() - r.scored(), r.counted(), r.scoringRate(), r.peakHeapBytes() >> 20, r.digest());
            snap = null;
            scores = null;
        }
        if (!runs.isEmpty()) {
            out.printf("median of %d: load %,d ms, score %,d ms, total %,d ms, scoring %,d attestations/s, peak heap %,d MiB%n",
                    runs.size(), median(runs, Run::loadMillis), median(runs, Run::scoreMillis), median(runs, Run::totalMillis),
                    median(runs, Run::scoringRate), median(runs, Run::peakHeapBytes) >> 20);
            if (runs.stream().map(Run::digest).distinct().count() != 1) {
                out.println("WARNING: runs produced different scores");
            }
        }
        return runs;
    }

    private static void ensureData(Options o, ScoringModel model, PrintStream out) {
        if (Files.exists(o.db())) {
            try (SqliteAttestationStore store = SqliteAttestationStore.open(o.db())) {
                if (store.attestationCount() == o.attestations()) {
                    out.printf("reusing %s (%,d attestations)%n", o.db(), o.attestations());
                    return;
                }
            }
        }
        try {
            Files.deleteIfExists(o.db());
            Files.deleteIfExists(Path.of(o.db() + "-wal"));
            Files.deleteIfExists(Path.of(o.db() + "-shm"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.printf("generating %,d attestations about %,d subjects (seed %d) into %s%n", o.attestations(), o.subjects(),
                o.seed(), o.db());
        long t0 = System.nanoTime();
        try (SqliteAttestationStore store = SqliteAttestationStore.open(o.db())) {
            long step = Math.max(1, o.attestations() / 10);
            long[] next = {step};
            SyntheticData.of(model, o.subjects(), o.attestations(), o.seed(), AS_OF).writeTo(store, 50_000, n -> {
                if (n >= next[0]) {
                    out.printf("  %,d written (%,d s)%n", n, (System.nanoTime() - t0) / 1_000_000_000);
                    next[0] += step;
                }
            });
        }
        out.printf("generated in %,d s%n", (System.nanoTime() - t0) / 1_000_000_000);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long median(List<Run> runs, java.util.function.ToLongFunction<Run> f) {
        long[] v = runs.stream().mapToLong(f).toArray();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
