package io.zhixin.credit.epoch;

import io.zhixin.chain.Address;
import io.zhixin.chain.Bytes32;
import io.zhixin.chain.CreditScoreRegistry;
import io.zhixin.chain.Receipt;
import io.zhixin.chain.ZhixinChain;
import io.zhixin.credit.model.ScoringModel;
import io.zhixin.credit.score.BatchScores;
import io.zhixin.credit.score.CreditScorer;
import io.zhixin.credit.score.ScoringEpoch;
import io.zhixin.credit.store.StoreSnapshot;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Publishes credit epochs on the {@code CreditScoreRegistry}: scores every subject of a store snapshot as of a
 * time, commits the scores as a Merkle tree ({@link CreditEpoch}), registers the model's id if the registry does not
 * know it yet, and publishes the root with the subject count.
 *
 * <pre>{@code
 * EpochPublisher publisher = EpochPublisher.create(bureauChain);        // a connection with the bureau's account
 * CreditEpoch e = publisher.publish(ScoringModel.builtIn("person-v1"), store.snapshot(2), asOfSeconds);
 * e.write(Path.of("epoch-" + e.epoch() + ".json"));                      // keep: the salts are in it
 * }</pre>
 *
 * <p>The registry stores no as-of time; it is inside every committed score record, in the credit-score credential
 * ({@code as_of}) and in the epoch file. Thread-safe; epochs of one bureau must be published one at a time.
 */
public final class EpochPublisher {
    private final ZhixinChain bureau;
    private final SecureRandom random;

    private EpochPublisher(ZhixinChain bureau, SecureRandom random) {
        this.bureau = bureau;
        this.random = random;
    }

    /** A publisher sending from {@code bureau}'s account, which must be accredited for the deployment's bureau scope. */
    public static EpochPublisher create(ZhixinChain bureau) {
        return new EpochPublisher(Objects.requireNonNull(bureau, "bureau"), new SecureRandom());
    }

    /** The bureau's address. */
    public Address bureau() {
        return bureau.sender().orElseThrow(() -> new IllegalStateException("the bureau connection has no account"));
    }

    /** The next epoch number: one above the bureau's latest published epoch. */
    public long nextEpoch() {
        return bureau.creditScores().latestEpoch(bureau()) + 1;
    }

    /** Scores, commits and publishes {@code model}'s subjects as of {@code asOf} under {@link #nextEpoch()}. */
    public CreditEpoch publish(ScoringModel model, StoreSnapshot snapshot, long asOf) {
        return publish(model, snapshot, ScoringEpoch.of(nextEpoch(), asOf));
    }

    /**
     * Scores, commits and publishes {@code model}'s subjects for {@code epoch}.
     *
     * @throws IllegalStateException when no subject has a counted attestation under the model
     * @throws io.zhixin.chain.ContractRevertException e.g. {@code CreditEpochNotIncreasing},
     *     {@code CreditBureauNotAccredited}; nothing was published
     */
    public CreditEpoch publish(ScoringModel model, StoreSnapshot snapshot, ScoringEpoch epoch) {
        BatchScores scores = CreditScorer.create(model).scoreAll(snapshot.columns(), snapshot.accreditations(), epoch, 2);
        CreditEpoch committed = CreditEpoch.commit(model, scores, random);
        CreditScoreRegistry registry = bureau.creditScores();
        Bytes32 modelId = Bytes32.fromHex(model.idHex());
        if (registry.model(modelId).isEmpty()) {
            registry.registerModel(modelId, committed.modelLabel());
        }
        Receipt r = registry.publishEpoch(epoch.epoch(), modelId, committed.root(), committed.subjectCount());
        return committed.published(new CreditEpoch.Publication(bureau().toHex(), bureau.chainId(), r.blockNumber(),
                r.transactionHash()));
    }
}
