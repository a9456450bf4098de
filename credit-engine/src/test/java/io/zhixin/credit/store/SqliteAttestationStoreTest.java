package io.zhixin.credit.store;

import static io.zhixin.credit.Fixtures.AS_OF;
import static io.zhixin.credit.Fixtures.ATTESTOR;
import static io.zhixin.credit.Fixtures.PERSON;
import static io.zhixin.credit.Fixtures.att;
import static io.zhixin.credit.Fixtures.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.credit.AccreditationInterval;
import io.zhixin.credit.Attestation;
import io.zhixin.credit.Fixtures;
import io.zhixin.credit.model.SchemaRule;
import io.zhixin.credit.score.Accreditations;
import io.zhixin.credit.score.AttestationColumns;
import io.zhixin.credit.score.BatchScores;
import io.zhixin.credit.score.CreditScorer;
import io.zhixin.credit.score.ScoringEpoch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteAttestationStoreTest {
    @TempDir
    Path dir;

    private SqliteAttestationStore open() {
        return SqliteAttestationStore.open(dir.resolve("store.sqlite"));
    }

    @Test
    void apply_thenReopen_keepsAttestationsAccreditationsAndCheckpoint() {
        Attestation a = att(subject(1), "IDENTITY_VERIFIED", 1, 10);
        Attestation b = att(subject(2), "PAYMENT_OVERDUE", 30, 5);
        try (SqliteAttestationStore s = open()) {
            assertThat(s.checkpoint()).isEmpty();
            s.apply(IndexBatch.upToBlock(100).attestation(a).attestation(b)
                    .accreditation(ATTESTOR, a.schema(), List.of(new AccreditationInterval(ATTESTOR, a.schema(), 5, 10)))
                    .build());
        }
        try (SqliteAttestationStore s = open()) {
            assertThat(s.checkpoint()).isEqualTo(OptionalLong.of(100));
            assertThat(s.attestationCount()).isEqualTo(2);
            assertThat(s.attestation(a.uid())).contains(a);
            assertThat(s.attestation(Fixtures.bytes32(123_456_789))).isEmpty();
            StoreSnapshot snap = s.snapshot(2);
            assertThat(snap.checkpointBlock()).isEqualTo(OptionalLong.of(100));
            assertThat(snap.columns().rowCount()).isEqualTo(2);
            assertThat(snap.columns().subject(0)).isEqualTo(subject(1));
            assertThat(snap.accreditations().intervals())
                    .containsExactly(new AccreditationInterval(ATTESTOR, a.schema(), 5, 10));
        }
    }

    @Test
    void apply_revocationAndAccreditationChange_updateTheStore() {
        Attestation a = att(subject(1), "IDENTITY_VERIFIED", 1, 10);
        String schema = a.schema();
        try (SqliteAttestationStore s = open()) {
            s.apply(IndexBatch.upToBlock(1).attestation(a)
                    .accreditation(ATTESTOR, schema, List.of(new AccreditationInterval(ATTESTOR, schema, 0, 100))).build());
            s.apply(IndexBatch.upToBlock(2).revocation(a.uid(), AS_OF - 1)
                    .accreditation(ATTESTOR, schema, List.of(new AccreditationInterval(ATTESTOR, schema, 0, 50),
                            new AccreditationInterval(ATTESTOR, schema, 70, 100))).build());
            assertThat(s.attestation(a.uid())).contains(a.revoked(AS_OF - 1));
            Accreditations acc = s.snapshot(1).accreditations();
            assertThat(acc.isAccredited(ATTESTOR, schema, 49)).isTrue();
            assertThat(acc.isAccredited(ATTESTOR, schema, 60)).isFalse();
            assertThat(acc.isAccredited(ATTESTOR, schema, 70)).isTrue();
        }
    }

    @Test
    void apply_merkleBatchEntries_areRevokedWithTheirBatch_evenWhenTheyArriveAfterIt() {
        String batchA = Fixtures.bytes32(0xBA7C4A);
        String batchB = Fixtures.bytes32(0xBA7C4B);
        Attestation a1 = att(subject(1), "UTILITY_PAID_ON_TIME", 1, 10);
        Attestation a2 = att(subject(2), "UTILITY_PAID_ON_TIME", 1, 10);
        Attestation b1 = att(subject(3), "UTILITY_PAID_ON_TIME", 1, 10);
        Attestation b2 = att(subject(4), "UTILITY_PAID_ON_TIME", 1, 10);
        Attestation single = att(subject(5), "UTILITY_PAID_ON_TIME", 1, 10);
        try (SqliteAttestationStore s = open()) {
            s.apply(IndexBatch.upToBlock(1).batchEntry(batchA, a1).batchEntry(batchA, a2).batchEntry(batchB, b1)
                    .attestation(single).build());
            s.apply(IndexBatch.upToBlock(2).batchRevocation(batchA, AS_OF - 5).revocation(b1.uid(), AS_OF - 4).build());
            assertThat(s.attestation(a1.uid())).contains(a1.revoked(AS_OF - 5));
            assertThat(s.attestation(a2.uid())).contains(a2.revoked(AS_OF - 5));
            assertThat(s.attestation(b1.uid())).contains(b1.revoked(AS_OF - 4)); // one entry (BatchEntryRevoked)
            assertThat(s.attestation(single.uid())).contains(single);
            // an entry of batch A that reaches the store after A was revoked is stored revoked
            Attestation late = att(subject(6), "UTILITY_PAID_ON_TIME", 1, 10);
            s.apply(IndexBatch.upToBlock(3).batchEntry(batchA, late).batchEntry(batchB, b2).build());
            assertThat(s.attestation(late.uid())).contains(late.revoked(AS_OF - 5));
            assertThat(s.attestation(b2.uid())).contains(b2);
        }
    }

    @Test
    void indexBatch_membershipOfAnUnknownUid_isRefused() {
        Attestation a = att(subject(1), "UTILITY_PAID_ON_TIME", 1, 10);
        assertThatThrownBy(() -> new IndexBatch(List.of(), java.util.Map.of(), java.util.Map.of(),
                java.util.Map.of(a.uid(), Fixtures.bytes32(1)), java.util.Map.of(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not among");
    }

    @Test
    void apply_batchNotAboveCheckpoint_isRefused() {
        try (SqliteAttestationStore s = open()) {
            s.apply(IndexBatch.upToBlock(10).attestation(att(subject(1), "IDENTITY_VERIFIED", 1, 1)).build());
            assertThatThrownBy(() -> s.apply(IndexBatch.upToBlock(10).attestation(att(subject(1), "IDENTITY_VERIFIED", 1, 1)).build()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("resume from block 11");
            assertThat(s.attestationCount()).isEqualTo(1);
        }
    }

    @Test
    void apply_failureInsideTheTransaction_writesNothing_andTheSameBatchLaterSucceeds() {
        try (SqliteAttestationStore s = open()) {
            s.apply(IndexBatch.upToBlock(1).attestation(att(subject(1), "IDENTITY_VERIFIED", 1, 1)).build());
            IndexBatch.Builder good = IndexBatch.upToBlock(2);
            for (int i = 0; i < 25_000; i++) { // several insert batches, new subjects too
                good.attestation(att(subject(100 + i), "LOAN_REPAID_ON_TIME", 1, i % 1000));
            }
            IndexBatch ok = good.build();
            IndexBatch failing = new IndexBatch(ok.attestations(),
                    java.util.Map.of(Fixtures.bytes32(987_654_321), AS_OF), java.util.Map.of(), 2);
            // the revocation of an unknown attestation fails after 25,000 inserts, inside the transaction
            assertThatThrownBy(() -> s.apply(failing)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("does not hold");
            assertThat(s.checkpoint()).isEqualTo(OptionalLong.of(1));
            assertThat(s.attestationCount()).isEqualTo(1);
            // a repeated uid fails inside the transaction too
            IndexBatch repeats = new IndexBatch(List.of(ok.attestations().get(0), ok.attestations().get(0)),
                    java.util.Map.of(), java.util.Map.of(), 2);
            assertThatThrownBy(() -> s.apply(repeats)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("repeats an attestation uid");
            assertThat(s.attestationCount()).isEqualTo(1);
            s.apply(ok);
            assertThat(s.checkpoint()).isEqualTo(OptionalLong.of(2));
            assertThat(s.attestationCount()).isEqualTo(25_001);
            StoreSnapshot snap = s.snapshot(2);
            assertThat(snap.columns().subjectCount()).isEqualTo(25_001);
            assertThat(snap.columns().subject(25_000)).isEqualTo(subject(100 + 24_999));
        }
    }

    @Test
    void crash_killedMidBatch_reopensAtACommittedCheckpoint_andResumesWithoutLossOrDoubleCount() throws Exception {
        Path file = dir.resolve("crash.sqlite");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), CrashingIndexer.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        long lastSeen = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("committed ")) {
                    lastSeen = Long.parseLong(line.substring(10));
                    if (lastSeen >= 3) {
                        Thread.sleep(new Random().nextInt(40)); // land somewhere inside the next batch
                        p.destroyForcibly();
                        break;
                    }
                }
            }
        } finally {
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lastSeen).as("the child committed batches before it was killed").isGreaterThanOrEqualTo(3);
        long checkpoint;
        try (SqliteAttestationStore s = SqliteAttestationStore.open(file)) {
            checkpoint = s.checkpoint().orElseThrow();
            assertThat(checkpoint).isGreaterThanOrEqualTo(lastSeen); // nothing committed was lost
            assertThat(s.attestationCount()).isEqualTo(checkpoint * CrashingIndexer.BATCH); // no partial batch
            // resume as the indexer does: from checkpoint + 1
            for (long b = checkpoint + 1; b <= checkpoint + 2; b++) {
                s.apply(CrashingIndexer.batch(b));
            }
            assertThat(s.attestationCount()).isEqualTo((checkpoint + 2) * CrashingIndexer.BATCH);
            assertThat(s.snapshot(2).columns().rowCount()).isEqualTo((int) ((checkpoint + 2) * CrashingIndexer.BATCH));
            // replaying a batch that was committed is refused, so nothing is counted twice
            long replay = checkpoint;
            assertThatThrownBy(() -> s.apply(CrashingIndexer.batch(replay))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void snapshot_whileAWriterCommits_seesWholeBatchesMatchingItsCheckpoint() throws Exception {
        Path file = dir.resolve("concurrent.sqlite");
        try (SqliteAttestationStore writer = SqliteAttestationStore.open(file);
                SqliteAttestationStore reader = SqliteAttestationStore.open(file)) {
            writer.apply(CrashingIndexer.batch(1));
            Thread t = new Thread(() -> {
                for (long b = 2; b <= 12; b++) {
                    writer.apply(CrashingIndexer.batch(b));
                }
            });
            t.start();
            int snapshots = 0;
            while (t.isAlive() || snapshots == 0) {
                StoreSnapshot snap = reader.snapshot(2);
                long cp = snap.checkpointBlock().orElseThrow();
                assertThat(snap.columns().rowCount()).isEqualTo((int) (cp * CrashingIndexer.BATCH));
                snapshots++;
            }
            t.join();
            assertThat(reader.snapshot(2).columns().rowCount()).isEqualTo(12 * CrashingIndexer.BATCH);
        }
    }

    @Test
    void snapshot_scoresTheSameAsTheSameAttestationsInMemory() {
        Random r = new Random(11);
        List<SchemaRule> rules = PERSON.schemas();
        List<Attestation> as = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Attestation a = att(subject(r.nextInt(2_000)), rules.get(r.nextInt(rules.size())).code(), r.nextInt(20),
                    r.nextInt(3000));
            as.add(r.nextInt(50) == 0 ? a.revoked(AS_OF - r.nextInt(1000)) : a);
        }
        List<AccreditationInterval> iv = Fixtures.accreditedForEverything();
        try (SqliteAttestationStore s = open()) {
            IndexBatch.Builder b = IndexBatch.upToBlock(1);
            as.forEach(b::attestation);
            iv.forEach(i -> b.accreditation(i.attestor(), i.schema(), List.of(i)));
            s.apply(b.build());
            StoreSnapshot snap = s.snapshot(2);
            CreditScorer scorer = CreditScorer.create(PERSON);
            ScoringEpoch e = ScoringEpoch.of(1, AS_OF);
            BatchScores fromStore = scorer.scoreAll(snap.columns(), snap.accreditations(), e, 2);
            AttestationColumns mem = AttestationColumns.builder().addAll(as).build();
            BatchScores fromMemory = scorer.scoreAll(mem, Accreditations.of(iv), e, 1);
            assertThat(fromStore.digest()).isEqualTo(fromMemory.digest());
            assertThat(fromStore.scoredCount()).isPositive();
        }
    }

    @Test
    void open_notADatabase_throwsCreditStoreException() throws Exception {
        Path junk = dir.resolve("junk.sqlite");
        java.nio.file.Files.writeString(junk, "this is not a database, just some text that is long enough ".repeat(100));
        assertThatThrownBy(() -> SqliteAttestationStore.open(junk)).isInstanceOf(CreditStoreException.class)
                .hasMessageContaining("junk.sqlite");
    }

    @Test
    void attestation_unknownUid_isEmpty() {
        try (SqliteAttestationStore s = open()) {
            assertThat(s.attestation(Fixtures.bytes32(5))).isEqualTo(Optional.empty());
        }
    }
}
