package io.zhixin.chain;

import io.zhixin.chain.internal.contracts.StatusListAnchors;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * The status-list anchors contract: an issuer anchors the digest of each version of its status
 * lists, so that a verifier can check that the list it fetched is the one the issuer published.
 */
public final class StatusListAnchorRegistry {
  /** One anchored version of a status list. */
  public record Anchor(long version, Bytes32 digest, Instant anchoredAt) {}

  private final StatusListAnchors contract;

  private StatusListAnchorRegistry(StatusListAnchors contract) {
    this.contract = contract;
  }

  /** Deploys a new registry, sent by {@code transactions}. */
  public static StatusListAnchorRegistry deploy(Web3j web3j, TransactionManager transactions) {
    return new StatusListAnchorRegistry(
        Calls.send("deploy StatusListAnchors", () -> StatusListAnchors.deploy(web3j, transactions, new DefaultGasProvider()).send()));
  }

  /** The registry at {@code address}; transactions are sent by {@code transactions}. */
  public static StatusListAnchorRegistry at(String address, Web3j web3j, TransactionManager transactions) {
    return new StatusListAnchorRegistry(StatusListAnchors.load(address, web3j, transactions, new DefaultGasProvider()));
  }

  public String address() {
    return contract.getContractAddress();
  }

  /**
   * Anchors {@code digest} as version {@code version} of the sender's list {@code listId}.
   *
   * @throws ChainException when the version does not grow, or the transaction fails
   */
  public TransactionReceipt anchor(Bytes32 listId, long version, Bytes32 digest) {
    if (version <= 0) {
      throw new IllegalArgumentException("status list versions start at 1, got " + version);
    }
    return Calls.send(
        "anchor status list " + listId + " v" + version,
        () -> contract.anchor(listId.toArray(), BigInteger.valueOf(version), digest.toArray()).send());
  }

  /** The latest anchored version of {@code issuer}'s list {@code listId}, if any. */
  public Optional<Anchor> latest(String issuer, Bytes32 listId) {
    Tuple3<BigInteger, byte[], BigInteger> latest =
        Calls.send("read status list " + listId, () -> contract.latest(issuer, listId.toArray()).send());
    if (latest.component1().signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(new Anchor(
        latest.component1().longValueExact(),
        Bytes32.of(latest.component2()),
        Instant.ofEpochSecond(latest.component3().longValueExact())));
  }
}
