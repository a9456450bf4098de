package io.zhixin.credit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.zhixin.credit.Attestation;
import io.zhixin.credit.model.ScoringModel;
import io.zhixin.credit.score.Accreditations;
import io.zhixin.credit.score.AttestationColumns;
import io.zhixin.credit.score.CreditScorer;
import io.zhixin.credit.score.ScoringEpoch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's code path at a small size: generate into the store, snapshot, score; same bytes every run. */
class ScaleBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void run_smallScale_scoresEverySubjectWithTheSameDigestEachRun_andAsTheInMemoryPath() {
        ScaleBenchmark.Options o = new ScaleBenchmark.Options(3_000, 60_000, 2, 2, 42, dir.resolve("b.sqlite"), "person-v1");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        List<ScaleBenchmark.Run> runs = ScaleBenchmark.run(o, new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).rows()).isEqualTo(60_000);
        assertThat(runs.get(0).subjects()).isLessThanOrEqualTo(3_000);
        assertThat(runs.get(0).digest()).isEqualTo(runs.get(1).digest());
        // the same bytes on any machine: a golden digest over all 3,000 canonical score encodings
        assertThat(runs.get(0).digest()).isEqualTo(GOLDEN_DIGEST);
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("median of 2").doesNotContain("WARNING");

        ScoringModel model = ScoringModel.builtIn("person-v1");
        SyntheticData data = SyntheticData.of(model, 3_000, 60_000, 42, ScaleBenchmark.AS_OF);
        List<Attestation> all = new ArrayList<>();
        data.forEach(all::add);
        // exclusions are exercised: some attestations are unaccredited, expired or revoked
        long counted = runs.get(0).counted();
        assertThat(counted).isLessThan(60_000).isGreaterThan(30_000);
        AttestationColumns mem = AttestationColumns.builder().addAll(all).build();
        String digest = HexFormat.of().formatHex(CreditScorer.create(model)
                .scoreAll(mem, Accreditations.of(data.accreditations()), ScoringEpoch.of(1, ScaleBenchmark.AS_OF), 1).digest());
        // subjects are numbered in first-seen order both in the store and in memory, so the digests agree
        assertThat(digest).isEqualTo(runs.get(0).digest());
    }

    static final String GOLDEN_DIGEST = "1ea4610d2012920d3b8fdcf1e7baea7f0f014fb17b2689f473104fbdf16dec9e";

    @Test
    void syntheticData_sameSeed_sameData() {
        ScoringModel model = ScoringModel.builtIn("entity-v1");
        List<Attestation> a = new ArrayList<>();
        List<Attestation> b = new ArrayList<>();
        SyntheticData.of(model, 100, 500, 7, ScaleBenchmark.AS_OF).forEach(a::add);
        SyntheticData.of(model, 100, 500, 7, ScaleBenchmark.AS_OF).forEach(b::add);
        assertThat(a).isEqualTo(b);
        assertThat(a.get(0).subject()).isEqualTo(SyntheticData.of(model, 100, 500, 7, 0).subject(subjectIndexOfFirst(model)));
    }

    private static int subjectIndexOfFirst(ScoringModel model) {
        SyntheticData.SplitMix64 r = new SyntheticData.SplitMix64(7);
        return r.nextInt(100);
    }
}
