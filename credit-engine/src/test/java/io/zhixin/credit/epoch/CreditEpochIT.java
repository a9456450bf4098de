package io.zhixin.credit.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.chain.Account;
import io.zhixin.chain.AttestationEntry;
import io.zhixin.chain.Bytes32;
import io.zhixin.chain.CreditScoreRegistry;
import io.zhixin.chain.Deployment;
import io.zhixin.chain.TrustRegistry;
import io.zhixin.chain.ZhixinChain;
import io.zhixin.credentials.DidIssuerKeys;
import io.zhixin.credit.index.ChainIndexer;
import io.zhixin.credit.index.ModelSchemas;
import io.zhixin.credit.model.ScoringModel;
import io.zhixin.credit.score.ScoreResult;
import io.zhixin.credit.share.CreditProofRequest;
import io.zhixin.credit.share.CreditShare;
import io.zhixin.credit.share.CreditShareRefusedException;
import io.zhixin.credit.store.SqliteAttestationStore;
import io.zhixin.credit.store.StoreSnapshot;
import io.zhixin.did.Did;
import io.zhixin.did.DidResolver;
import io.zhixin.did.jwk.DidJwk;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@WithDevChain
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreditEpochIT {
    private static final ScoringModel PERSON = ScoringModel.builtIn("person-v1");
    private static final ScoringModel ENTITY = ScoringModel.builtIn("entity-v1");
    private static final String BANK = "https://loans.bank.example";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ZhixinChain root;
    private ZhixinChain bureau;
    private Bytes32 citizen;
    private Bytes32 thin;
    private Bytes32 company;
    private CreditEpoch persons;
    private CreditEpoch entities;
    private final KeyPair bureauKey = KeyPair.generate(KeyType.P256);
    private final Did bureauDid = DidJwk.create(bureauKey.publicJwk());
    private final KeyPair holderKey = KeyPair.generate(KeyType.P256);
    private CreditScoreIssuer issuer;
    private String credential;

    @BeforeAll
    void publishEpochs(DevChain dev, @TempDir Path dir) {
        root = ZhixinChain.builder().rpcUrl(dev.rpcUrl()).account(Account.of(dev.account(0))).build();
        Deployment deployment = root.deploy();
        root = root.withDeployment(deployment);
        ModelSchemas.register(root.attestations(), PERSON);
        ModelSchemas.register(root.attestations(), ENTITY);
        TrustRegistry trust = root.trustRegistry();
        trust.accredit(TrustRegistry.Grant.to(Account.of(dev.account(5)).address())
                .scopes(PERSON.schemas().stream().map(s -> Bytes32.fromHex(s.id())).toList()));
        trust.accredit(TrustRegistry.Grant.to(Account.of(dev.account(6)).address())
                .scopes(ENTITY.schemas().stream().map(s -> Bytes32.fromHex(s.id())).toList()));
        trust.accredit(TrustRegistry.Grant.to(Account.of(dev.account(7)).address()).scopes(deployment.creditBureauScope()));
        ZhixinChain personAttestor = ZhixinChain.connect(dev.rpcUrl(), Account.of(dev.account(5)), deployment);
        ZhixinChain entityAttestor = ZhixinChain.connect(dev.rpcUrl(), Account.of(dev.account(6)), deployment);
        bureau = ZhixinChain.connect(dev.rpcUrl(), Account.of(dev.account(7)), deployment);

        citizen = random();
        thin = random();
        company = random();
        attest(personAttestor, PERSON, citizen, Map.of("IDENTITY_VERIFIED", 1, "LOAN_REPAID_ON_TIME", 1,
                "UTILITY_PAID_ON_TIME", 1, "TAX_FILED_ON_TIME", 1, "SOCIAL_INSURANCE_CONTRIBUTION", 12, "INCOME_BRACKET", 6));
        attest(personAttestor, PERSON, citizen, Map.of("LOAN_REPAID_ON_TIME", 1, "PAYMENT_OVERDUE", 5));
        attest(personAttestor, PERSON, thin, Map.of("IDENTITY_VERIFIED", 1));
        attest(entityAttestor, ENTITY, company, Map.of("ENTITY_REGISTERED", 1, "ANNUAL_REPORT_FILED", 1, "TAX_CREDIT_RATING", 4,
                "CONTRACT_FULFILLED", 1));

        try (SqliteAttestationStore store = SqliteAttestationStore.open(dir.resolve("credit.sqlite"))) {
            ChainIndexer.builder().chain(root).store(store).confirmations(0).build().run();
            StoreSnapshot snap = store.snapshot(2);
            long asOf = root.latestBlockTime().getEpochSecond();
            EpochPublisher publisher = EpochPublisher.create(bureau);
            persons = publisher.publish(PERSON, snap, asOf);
            entities = publisher.publish(ENTITY, snap, asOf);
        }
        issuer = CreditScoreIssuer.builder().signer(bureauKey.signer()).issuer(bureauDid.toString())
                .keyId(DidJwk.verificationMethodId(bureauDid)).build();
        credential = issuer.issue(persons, citizen.toHex(), holderKey.publicJwk(), Instant.now().plus(90, ChronoUnit.DAYS));
    }

    private static void attest(ZhixinChain attestor, ScoringModel model, Bytes32 subject, Map<String, Integer> values) {
        values.forEach((code, v) -> attestor.attestations().attest(AttestationEntry.of(ModelSchemas.id(model, code), subject, v, random())));
    }

    private CreditProofVerifier.Builder bank() {
        return CreditProofVerifier.builder().issuerKeys(DidIssuerKeys.of(DidResolver.builder().method(DidJwk.method()).build()))
                .trustedBureau(bureauDid.toString(), bureau.sender().orElseThrow()).registry(root.creditScores()).audience(BANK);
    }

    @Test
    void publish_everyLeafVerifiesOnChain_andEachModelGetsItsOwnEpoch() {
        CreditScoreRegistry registry = root.creditScores();
        var address = bureau.sender().orElseThrow();
        assertThat(persons.entries()).containsOnlyKeys(citizen.toHex(), thin.toHex());
        assertThat(entities.entries()).containsOnlyKeys(company.toHex());
        assertThat(entities.epoch()).isEqualTo(persons.epoch() + 1);
        for (CreditEpoch e : List.of(persons, entities)) {
            CreditScoreRegistry.Epoch onChain = registry.epoch(address, e.epoch()).orElseThrow();
            assertThat(onChain.root()).isEqualTo(e.root());
            assertThat(onChain.subjectCount()).isEqualTo(e.subjectCount());
            assertThat(onChain.modelHash().toHex()).isEqualTo(e.model().idHex());
            e.entries().forEach((subject, entry) -> assertThat(registry.isScoreIncluded(address, e.epoch(), Bytes32.fromHex(subject),
                    entry.scoreHash(), e.proof(subject))).as(subject).isTrue());
        }
        assertThat(persons.entry(citizen.toHex()).orElseThrow().result()).isInstanceOf(ScoreResult.Scored.class);
        assertThat(persons.entry(thin.toHex()).orElseThrow().result()).isInstanceOf(ScoreResult.InsufficientData.class);
        assertThat(((ScoreResult.Scored) persons.entry(citizen.toHex()).orElseThrow().result()).composite()).isGreaterThan(650);
    }

    @Test
    void write_read_recomputesHashesAndRoot(@TempDir Path dir) {
        Path f = dir.resolve("epoch.json");
        persons.write(f);
        CreditEpoch back = CreditEpoch.read(f, PERSON);
        assertThat(back.root()).isEqualTo(persons.root());
        assertThat(back.publication()).isEqualTo(persons.publication());
        assertThatThrownBy(() -> CreditEpoch.read(f, ENTITY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is for model");
    }

    @Test
    void issue_insufficientData_refusedWithTheCounts() {
        assertThatThrownBy(() -> issuer.issue(persons, thin.toHex(), holderKey.publicJwk(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("insufficient data")
                .hasMessageContaining("no score to certify");
        assertThatThrownBy(() -> issuer.issue(persons, company.toHex(), holderKey.publicJwk(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not in epoch");
    }

    @Test
    void credential_everyScoreClaimSeparatelyDisclosable() {
        assertThat(CreditShare.of(credential, holderKey.signer()).disclosable()).contains("composite", "band",
                "dimensions/identity", "dimensions/compliance", "dimensions/credit_history", "dimensions/capacity",
                "dimensions/social_contribution", "score_over_600", "score_over_650", "score_over_700", "score_over_750",
                "reasons_up", "reasons_down", "commitment");
    }

    @Test
    void share_scoreOver650AndCreditHistory_bankAcceptsAndSeesNothingElse() {
        CreditProofRequest req = CreditProofRequest.of(BANK, "n-1", "consumer loan", "score_over_650", "dimensions/credit_history");
        String proof = CreditShare.of(credential, holderKey.signer()).present(req, Set.of("score_over_650", "dimensions/credit_history"));
        CreditProofResult r = bank().requiredClaims("score_over_650", "dimensions/credit_history").build().verify(proof, "n-1");
        assertThat(r).isInstanceOf(CreditProofResult.Accepted.class);
        CreditProofResult.Accepted a = (CreditProofResult.Accepted) r;
        assertThat(a.claims()).containsEntry("score_over_650", true).doesNotContainKeys("composite", "band", "score_over_700",
                "commitment", "reasons_up");
        assertThat(List.copyOf(((Map<?, ?>) a.claims().get("dimensions")).keySet())).isEqualTo(List.of("credit_history"));
        assertThat(a.claims()).containsEntry("epoch", persons.epoch()).containsEntry("as_of", persons.asOf());
        assertThat(a.inclusionChecked()).isFalse();
    }

    @Test
    void share_everything_bankAlsoChecksTheLeafOnChain() {
        CreditShare share = CreditShare.of(credential, holderKey.signer());
        List<String> all = List.copyOf(share.disclosable());
        String proof = share.present(new CreditProofRequest(BANK, "n-2", "mortgage", all), Set.copyOf(all));
        CreditProofResult r = bank().requiredClaims("composite").build().verify(proof, "n-2");
        assertThat(r.isAccepted()).as(r.toString()).isTrue();
        assertThat(((CreditProofResult.Accepted) r).inclusionChecked()).isTrue();
    }

    @Test
    void share_requestForMoreThanApproved_refusedByTheHolderSide() {
        CreditProofRequest greedy = CreditProofRequest.of(BANK, "n-3", "consumer loan", "score_over_650", "composite");
        assertThatThrownBy(() -> CreditShare.of(credential, holderKey.signer()).present(greedy, Set.of("score_over_650")))
                .isInstanceOfSatisfying(CreditShareRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CreditShareRefusedException.Reason.NOT_APPROVED);
                    assertThat(e.claims()).containsExactly("composite");
                });
    }

    @Test
    void verify_wrongNonceOrMissingClaim_rejected() {
        CreditProofRequest req = CreditProofRequest.of(BANK, "n-4", "consumer loan", "score_over_650");
        String proof = CreditShare.of(credential, holderKey.signer()).present(req, Set.of("score_over_650"));
        assertThat(codes(bank().build().verify(proof, "another"))).contains("nonce");
        assertThat(codes(bank().requiredClaims("composite").build().verify(proof, "n-4"))).contains("claim_missing");
    }

    @Test
    void verify_afterTheEpochIsRevoked_rejected(DevChain dev) {
        // a separate epoch, so that the other tests keep a live one
        CreditProofRequest req = CreditProofRequest.of(BANK, "n-5", "consumer loan", "score_over_650");
        CreditEpoch doomed;
        try (SqliteAttestationStore store = SqliteAttestationStore.open(Path.of(System.getProperty("java.io.tmpdir"),
                "credit-" + System.nanoTime() + ".sqlite"))) {
            ChainIndexer.builder().chain(root).store(store).confirmations(0).build().run();
            doomed = EpochPublisher.create(bureau).publish(PERSON, store.snapshot(1), root.latestBlockTime().getEpochSecond());
        }
        String c = issuer.issue(doomed, citizen.toHex(), holderKey.publicJwk(), null);
        String proof = CreditShare.of(c, holderKey.signer()).present(req, Set.of("score_over_650"));
        assertThat(bank().build().verify(proof, "n-5").isAccepted()).isTrue();
        bureau.creditScores().revokeEpoch(bureau.sender().orElseThrow(), doomed.epoch(), Bytes32.ofText("model-error"));
        assertThat(codes(bank().build().verify(proof, "n-5"))).containsExactly("epoch_revoked");
    }

    @Test
    void verify_credentialNamingAnotherBureauAddress_rejected() {
        CreditEpoch.Publication real = persons.publication().orElseThrow();
        CreditEpoch forged = persons.published(new CreditEpoch.Publication("0x" + "12".repeat(20), real.chainId(), real.block(),
                real.transactionHash()));
        String c = issuer.issue(forged, citizen.toHex(), holderKey.publicJwk(), null);
        CreditProofRequest req = CreditProofRequest.of(BANK, "n-6", "consumer loan", "score_over_650");
        String proof = CreditShare.of(c, holderKey.signer()).present(req, Set.of("score_over_650"));
        assertThat(codes(bank().build().verify(proof, "n-6"))).containsExactly("bureau_mismatch");
    }

    @Test
    void verify_fullDisclosureOfARecordNotUnderThePublishedRoot_rejectedNotIncluded(DevChain dev, @TempDir Path dir) {
        // the bureau signs scores it never committed (fresh salts, same epoch number): the leaf is not under the root
        CreditEpoch uncommitted;
        try (SqliteAttestationStore store = SqliteAttestationStore.open(dir.resolve("again.sqlite"))) {
            ChainIndexer.builder().chain(root).store(store).confirmations(0).build().run();
            StoreSnapshot snap = store.snapshot(1);
            uncommitted = CreditEpoch.commit(PERSON, io.zhixin.credit.score.CreditScorer.create(PERSON).scoreAll(snap.columns(),
                    snap.accreditations(), io.zhixin.credit.score.ScoringEpoch.of(persons.epoch(), persons.asOf()), 1), RANDOM)
                    .published(persons.publication().orElseThrow());
        }
        String c = issuer.issue(uncommitted, citizen.toHex(), holderKey.publicJwk(), null);
        CreditShare share = CreditShare.of(c, holderKey.signer());
        List<String> all = List.copyOf(share.disclosable());
        String proof = share.present(new CreditProofRequest(BANK, "n-7", "mortgage", all), Set.copyOf(all));
        assertThat(codes(bank().build().verify(proof, "n-7"))).containsExactly("not_included");
        // with the pseudonym and salt withheld there is nothing to hash: the bank relies on the signature and the epoch
        String partial = share.present(CreditProofRequest.of(BANK, "n-8", "loan", "composite"), Set.of("composite"));
        assertThat(bank().build().verify(partial, "n-8").isAccepted()).isTrue();
    }

    private static List<String> codes(CreditProofResult r) {
        assertThat(r).isInstanceOf(CreditProofResult.Rejected.class);
        return ((CreditProofResult.Rejected) r).problems().stream().map(CreditProofResult.Problem::code).toList();
    }

    private static Bytes32 random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Bytes32.of(b);
    }
}
