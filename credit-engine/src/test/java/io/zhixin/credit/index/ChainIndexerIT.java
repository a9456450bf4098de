package io.zhixin.credit.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.chain.Account;
import io.zhixin.chain.AttestationBatch;
import io.zhixin.chain.AttestationEntry;
import io.zhixin.chain.AttestationRegistry;
import io.zhixin.chain.Bytes32;
import io.zhixin.chain.Deployment;
import io.zhixin.chain.TrustRegistry;
import io.zhixin.chain.ZhixinChain;
import io.zhixin.credit.Attestation;
import io.zhixin.credit.model.ScoringModel;
import io.zhixin.credit.score.CreditScorer;
import io.zhixin.credit.score.ScoringEpoch;
import io.zhixin.credit.store.SqliteAttestationStore;
import io.zhixin.credit.store.StoreSnapshot;
import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@WithDevChain
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainIndexerIT {
    private static final ScoringModel PERSON = ScoringModel.builtIn("person-v1");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ZhixinChain root;
    private Deployment deployment;
    private final List<Bytes32> singles = new ArrayList<>();
    private Bytes32 revokedSingle;
    private Bytes32 unaccreditedSingle;
    private String taxAttestor;
    private String taxSchema;
    private AttestationBatch batch;
    private AttestationEntry revokedEntry;
    private final Map<Bytes32, List<AttestationEntry>> published = new HashMap<>();
    private long lastBlock;

    /**
     * A small history with every kind of event: single attestations by two attestors, a revocation, an anchored
     * batch with a revoked entry, a revoked batch, and an attestor whose accreditation is suspended, reinstated
     * and finally revoked (its attestation during the suspension must never count).
     */
    @BeforeAll
    void writeHistory(DevChain dev) {
        root = ZhixinChain.builder().rpcUrl(dev.rpcUrl()).account(Account.of(dev.account(0))).build();
        deployment = root.deploy();
        root = root.withDeployment(deployment);
        ModelSchemas.register(root.attestations(), PERSON);
        Bytes32 loan = ModelSchemas.id(PERSON, "LOAN_REPAID_ON_TIME");
        Bytes32 tax = ModelSchemas.id(PERSON, "TAX_FILED_ON_TIME");
        Bytes32 overdue = ModelSchemas.id(PERSON, "PAYMENT_OVERDUE");
        Bytes32 utility = ModelSchemas.id(PERSON, "UTILITY_PAID_ON_TIME");
        TrustRegistry trust = root.trustRegistry();
        trust.accredit(TrustRegistry.Grant.to(address(dev, 5)).scopes(loan, overdue, utility));
        long taxAcc = trust.accredit(TrustRegistry.Grant.to(address(dev, 6)).scopes(tax));
        ZhixinChain bank = ZhixinChain.connect(dev.rpcUrl(), Account.of(dev.account(5)), deployment);
        ZhixinChain taxBureau = ZhixinChain.connect(dev.rpcUrl(), Account.of(dev.account(6)), deployment);

        List<Bytes32> subjects = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            subjects.add(random());
        }
        for (Bytes32 s : subjects) {
            singles.add(bank.attestations().attest(AttestationEntry.of(loan, s, 1, random())).id());
            singles.add(taxBureau.attestations().attest(AttestationEntry.of(tax, s, 1, random())
                    .expiringAt(java.time.Instant.now().plus(Duration.ofDays(400)))).id());
        }
        revokedSingle = bank.attestations().attest(AttestationEntry.of(overdue, subjects.get(0), 30, random())).id();
        bank.attestations().revoke(revokedSingle);
        trust.suspend(taxAcc);
        // the contract refuses attestations while suspended; the bank's write marks a moment inside the suspension
        unaccreditedSingle = bank.attestations().attest(AttestationEntry.of(loan, subjects.get(1), 1, random())).id();
        taxAttestor = address(dev, 6).toHex();
        taxSchema = tax.toHex();
        trust.reinstate(taxAcc);
        singles.add(taxBureau.attestations().attest(AttestationEntry.of(tax, subjects.get(2), 1, random())).id());

        List<AttestationEntry> entries = new ArrayList<>();
        for (Bytes32 s : subjects) {
            entries.add(AttestationEntry.of(utility, s, 1, random()));
        }
        batch = AttestationBatch.of(entries);
        AttestationRegistry.AnchoredBatch anchored = bank.attestations().anchorBatch(batch);
        published.put(anchored.batchId(), entries);
        revokedEntry = entries.get(3);
        bank.attestations().revokeBatchEntry(anchored.batchId(), revokedEntry);
        List<AttestationEntry> doomed = List.of(AttestationEntry.of(utility, subjects.get(4), 1, random()),
                AttestationEntry.of(utility, subjects.get(5), 1, random()));
        AttestationRegistry.AnchoredBatch second = bank.attestations().anchorBatch(AttestationBatch.of(doomed));
        published.put(second.batchId(), doomed);
        bank.attestations().revokeBatch(second.batchId());
        trust.revoke(taxAcc);
        lastBlock = root.blockNumber();
    }

    private ChainIndexer.Builder indexer(SqliteAttestationStore store) {
        return ChainIndexer.builder().chain(root).store(store).confirmations(0).blocksPerBatch(4)
                .batchEntries(b -> published.getOrDefault(b.batchId(), List.of()));
    }

    @Test
    void run_crashBetweenBatchesThenResume_sameStoreAsACleanFullIndex(@TempDir Path dir) {
        Path crashed = dir.resolve("crashed.sqlite");
        AtomicInteger committed = new AtomicInteger();
        try (SqliteAttestationStore store = SqliteAttestationStore.open(crashed)) {
            ChainIndexer dying = indexer(store).afterBatch(block -> {
                if (committed.incrementAndGet() == 5) {
                    throw new IllegalStateException("injected crash after block " + block);
                }
            }).build();
            assertThatThrownBy(dying::run).hasMessageStartingWith("injected crash");
            assertThat(store.checkpoint()).isPresent();
            assertThat(store.checkpoint().getAsLong()).isLessThan(lastBlock);
        }
        // A new process: a new store handle and a new indexer, which replays the trust history up to the checkpoint.
        try (SqliteAttestationStore store = SqliteAttestationStore.open(crashed)) {
            IndexRun resumed = indexer(store).build().run();
            assertThat(resumed.batches()).isPositive();
            assertThat(indexer(store).build().run().upToDate()).isTrue();
        }
        try (SqliteAttestationStore a = SqliteAttestationStore.open(crashed);
                SqliteAttestationStore b = SqliteAttestationStore.open(dir.resolve("clean.sqlite"))) {
            IndexRun clean = ChainIndexer.builder().chain(root).store(b).confirmations(0).blocksPerBatch(10_000)
                    .batchEntries(x -> published.getOrDefault(x.batchId(), List.of())).build().run();
            assertThat(clean.batches()).isEqualTo(1);
            assertThat(a.checkpoint()).isEqualTo(b.checkpoint());
            assertThat(a.attestationCount()).isEqualTo(b.attestationCount()).isEqualTo(singles.size() + 2 + 6 + 2);
            for (Bytes32 uid : allUids()) {
                assertThat(a.attestation(uid.toHex())).isEqualTo(b.attestation(uid.toHex())).isPresent();
            }
            StoreSnapshot sa = a.snapshot(1);
            StoreSnapshot sb = b.snapshot(2);
            assertThat(sa.accreditations().intervals()).containsExactlyInAnyOrderElementsOf(sb.accreditations().intervals());
            long asOf = root.latestBlockTime().getEpochSecond();
            CreditScorer scorer = CreditScorer.create(PERSON);
            assertThat(scorer.scoreAll(sa.columns(), sa.accreditations(), ScoringEpoch.of(1, asOf), 1).digest())
                    .isEqualTo(scorer.scoreAll(sb.columns(), sb.accreditations(), ScoringEpoch.of(1, asOf), 1).digest());
        }
    }

    @Test
    void run_childJvmKilledMidRun_resumeGivesTheSameStoreAsACleanIndex(DevChain dev, @TempDir Path dir) throws Exception {
        Path manifest = dir.resolve("deployment.json");
        deployment.write(manifest);
        Path killed = dir.resolve("killed.sqlite");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), IndexerProcess.class.getName(), dev.rpcUrl(), manifest.toString(),
                killed.toString()).redirectErrorStream(true).start();
        long lastSeen = -1;
        try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            int seen = 0;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("committed ")) {
                    lastSeen = Long.parseLong(line.substring(10));
                    if (++seen == 8) {
                        Thread.sleep(RANDOM.nextInt(120)); // somewhere in the pause or inside the next range
                        p.destroyForcibly();
                        break;
                    }
                }
            }
        } finally {
            p.destroyForcibly();
            assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lastSeen).as("the child committed ranges before it was killed").isPositive().isLessThan(lastBlock);
        try (SqliteAttestationStore a = SqliteAttestationStore.open(killed);
                SqliteAttestationStore b = SqliteAttestationStore.open(dir.resolve("clean.sqlite"))) {
            assertThat(a.checkpoint().getAsLong()).isGreaterThanOrEqualTo(lastSeen).isLessThan(lastBlock);
            ChainIndexer.builder().chain(root).store(a).confirmations(0).build().run();
            ChainIndexer.builder().chain(root).store(b).confirmations(0).build().run();
            assertThat(a.checkpoint()).isEqualTo(b.checkpoint());
            assertThat(a.attestationCount()).isEqualTo(b.attestationCount()).isEqualTo(singles.size() + 2);
            for (Bytes32 uid : singles) {
                assertThat(a.attestation(uid.toHex())).isEqualTo(b.attestation(uid.toHex())).isPresent();
            }
            assertThat(a.attestation(revokedSingle.toHex())).isEqualTo(b.attestation(revokedSingle.toHex()));
            StoreSnapshot sa = a.snapshot(1);
            StoreSnapshot sb = b.snapshot(1);
            assertThat(sa.accreditations().intervals()).containsExactlyInAnyOrderElementsOf(sb.accreditations().intervals());
            long asOf = root.latestBlockTime().getEpochSecond();
            CreditScorer scorer = CreditScorer.create(PERSON);
            assertThat(scorer.scoreAll(sa.columns(), sa.accreditations(), ScoringEpoch.of(1, asOf), 1).digest())
                    .isEqualTo(scorer.scoreAll(sb.columns(), sb.accreditations(), ScoringEpoch.of(1, asOf), 1).digest());
        }
    }

    @Test
    void run_readsRevocationsBatchesAndAccreditationHistory(@TempDir Path dir) {
        try (SqliteAttestationStore store = SqliteAttestationStore.open(dir.resolve("s.sqlite"))) {
            IndexRun run = indexer(store).build().run();
            assertThat(run.toBlock()).isEqualTo(lastBlock);
            assertThat(run.skipped()).isZero();
            Attestation revoked = store.attestation(revokedSingle.toHex()).orElseThrow();
            assertThat(revoked.revokedAt()).isGreaterThanOrEqualTo(revoked.issuedAt()).isPositive();
            assertThat(store.attestation(revokedEntry.leaf().toHex()).orElseThrow().revokedAt()).isPositive();
            assertThat(store.attestation(batch.entries().get(0).leaf().toHex()).orElseThrow().revokedAt()).isZero();
            Attestation during = store.attestation(unaccreditedSingle.toHex()).orElseThrow();
            StoreSnapshot snap = store.snapshot(1);
            assertThat(snap.accreditations().isAccredited(during.attestor(), during.schema(), during.issuedAt())).isTrue();
            // the tax bureau was suspended while the bank wrote that one: two intervals, with a gap holding it
            assertThat(snap.accreditations().intervals().stream()
                    .filter(i -> i.attestor().equals(taxAttestor) && i.schema().equals(taxSchema))).hasSize(2);
            assertThat(snap.accreditations().isAccredited(taxAttestor, taxSchema, during.issuedAt())).isFalse();
            Attestation before = store.attestation(singles.get(1).toHex()).orElseThrow();
            assertThat(snap.accreditations().isAccredited(before.attestor(), before.schema(), before.issuedAt())).isTrue();
            // the accreditation was revoked at the end: nothing it could write from then on counts
            assertThat(snap.accreditations().isAccredited(before.attestor(), before.schema(),
                    root.latestBlockTime().getEpochSecond() + 10)).isFalse();
        }
    }

    @Test
    void run_confirmationDepth_leavesTheNewestBlocksUnread(@TempDir Path dir) {
        try (SqliteAttestationStore store = SqliteAttestationStore.open(dir.resolve("s.sqlite"))) {
            IndexRun run = ChainIndexer.builder().chain(root).store(store).confirmations(3)
                    .batchEntries(b -> published.getOrDefault(b.batchId(), List.of())).build().run();
            assertThat(run.toBlock()).isEqualTo(root.blockNumber() - 3);
            assertThat(store.checkpoint().getAsLong()).isEqualTo(root.blockNumber() - 3);
        }
    }

    @Test
    void run_batchEntriesThatDoNotRebuildTheRoot_refusedAndNothingOfTheRangeStored(@TempDir Path dir) {
        try (SqliteAttestationStore store = SqliteAttestationStore.open(dir.resolve("s.sqlite"))) {
            ChainIndexer lying = ChainIndexer.builder().chain(root).store(store).confirmations(0).blocksPerBatch(10_000)
                    .batchEntries(b -> batch.entries().subList(0, 2)).build();
            assertThatThrownBy(lying::run).isInstanceOf(IndexerException.class).hasMessageContaining("do not rebuild");
            assertThat(store.checkpoint()).isEmpty();
            assertThat(store.attestationCount()).isZero();
        }
    }

    private List<Bytes32> allUids() {
        List<Bytes32> out = new ArrayList<>(singles);
        out.add(revokedSingle);
        out.add(unaccreditedSingle);
        published.values().forEach(es -> es.forEach(e -> out.add(e.leaf())));
        return out;
    }

    private static io.zhixin.chain.Address address(DevChain dev, int i) {
        return Account.of(dev.account(i)).address();
    }

    private static Bytes32 random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Bytes32.of(b);
    }
}
