package io.zhixin.chain;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * The credit score registry: scoring model versions and per-epoch Merkle commitments to every
 * subject's score, written by accredited credit bureaus; epochs are revoked, never rewritten.
 *
 * <p>Thread-safe.
 */
public final class CreditScoreRegistry extends ContractClient {
  /** The bureau scope {@link ZhixinChain#deploy()} uses: {@code keccak256("zhixin:scope:credit-bureau")}. */
  public static final Bytes32 DEFAULT_BUREAU_SCOPE = Bytes32.keccak("zhixin:scope:credit-bureau");

  /** A registered model version. */
  public record Model(Bytes32 modelHash, Address bureau, Instant registeredAt, String name) {}

  /** An epoch commitment. */
  public record Epoch(Address bureau, long epoch, Bytes32 root, Bytes32 modelHash, long subjectCount, Instant publishedAt,
      Optional<Instant> revokedAt, Optional<Bytes32> revocationReason) {}

  private final io.zhixin.chain.internal.contracts.CreditScoreRegistry contract;

  private CreditScoreRegistry(ZhixinChain chain, Address address) {
    super(chain, address);
    this.contract = io.zhixin.chain.internal.contracts.CreditScoreRegistry.load(address.toHex(), chain.rpc().web3j(), encoder(chain), gas());
  }

  public static CreditScoreRegistry at(ZhixinChain chain, Address address) {
    return new CreditScoreRegistry(chain, address);
  }

  /** The scope a bureau must be accredited for. */
  public Bytes32 bureauScope() {
    return Bytes32.of(this.<byte[]>callValue("read the bureau scope", contract.bureauScope()));
  }

  public Receipt registerModel(Bytes32 modelHash, String name) {
    return send("register model " + modelHash, contract.registerModel(modelHash.toArray(), name));
  }

  public Optional<Model> model(Bytes32 modelHash) {
    try {
      var m = (io.zhixin.chain.internal.contracts.CreditScoreRegistry.Model) call("read model " + modelHash,
          contract.getModel(modelHash.toArray())).get(0);
      return Optional.of(new Model(Bytes32.of(m.modelHash), Address.parse(m.bureau), Times.instant(m.registeredAt), m.name));
    } catch (ContractRevertException e) {
      if (e.errorName().equals("CreditUnknownModel")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Commits the sender's scores for {@code epoch} (epochs grow per bureau). */
  public Receipt publishEpoch(long epoch, Bytes32 modelHash, Bytes32 root, long subjectCount) {
    return send("publish epoch " + epoch, contract.publishEpoch(BigInteger.valueOf(epoch), modelHash.toArray(), root.toArray(),
        BigInteger.valueOf(subjectCount)), "epoch:" + epoch + ":" + root.toHex());
  }

  /** Revokes {@code bureau}'s epoch for {@code reason} (a short code); the bureau or the root authority may. */
  public Receipt revokeEpoch(Address bureau, long epoch, Bytes32 reason) {
    return send("revoke epoch " + epoch + " of " + bureau, contract.revokeEpoch(bureau.toHex(), BigInteger.valueOf(epoch), reason.toArray()));
  }

  public Optional<Epoch> epoch(Address bureau, long epoch) {
    try {
      var e = (io.zhixin.chain.internal.contracts.CreditScoreRegistry.Epoch) call("read epoch " + epoch,
          contract.getEpoch(bureau.toHex(), BigInteger.valueOf(epoch))).get(0);
      Optional<Instant> revokedAt = Times.optional(e.revokedAt);
      return Optional.of(new Epoch(bureau, epoch, Bytes32.of(e.root), Bytes32.of(e.modelHash), e.subjectCount.longValueExact(),
          Times.instant(e.publishedAt), revokedAt, revokedAt.map(t -> Bytes32.of(e.revocationReason))));
    } catch (ContractRevertException ex) {
      if (ex.errorName().equals("CreditUnknownEpoch")) {
        return Optional.empty();
      }
      throw ex;
    }
  }

  /** The latest epoch {@code bureau} published; 0 when none. */
  public long latestEpoch(Address bureau) {
    return this.<BigInteger>callValue("read the latest epoch", contract.latestEpoch(bureau.toHex())).longValueExact();
  }

  /** The leaf of a subject's score record, as the contract computes it. */
  public static Bytes32 scoreLeaf(Bytes32 subject, Bytes32 scoreHash) {
    byte[] encoded = new byte[64];
    System.arraycopy(subject.toArray(), 0, encoded, 0, 32);
    System.arraycopy(scoreHash.toArray(), 0, encoded, 32, 32);
    return Bytes32.of(Hash.sha3(Hash.sha3(encoded)));
  }

  /** Whether the score record is committed in a non-revoked epoch, checked by the contract. */
  public boolean isScoreIncluded(Address bureau, long epoch, Bytes32 subject, Bytes32 scoreHash, List<Bytes32> proof) {
    return callValue("check a score's inclusion", contract.isScoreIncluded(bureau.toHex(), BigInteger.valueOf(epoch), subject.toArray(),
        scoreHash.toArray(), proof.stream().map(Bytes32::toArray).toList()));
  }
}
