package io.zhixin.chain;

import io.zhixin.chain.internal.contracts.StatusListAnchors;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.datatypes.Type;

/**
 * The status-list anchors contract: an issuer anchors the digest of each version of its status
 * lists, so that a verifier can check that the list it fetched is the one the issuer published.
 *
 * <p>Thread-safe.
 */
public final class StatusListAnchorRegistry extends ContractClient {
  /** One anchored version of a status list. */
  public record Anchor(long version, Bytes32 digest, Instant anchoredAt) {}

  private final StatusListAnchors contract;

  private StatusListAnchorRegistry(ZhixinChain chain, Address address) {
    super(chain, address);
    this.contract = StatusListAnchors.load(address.toHex(), chain.rpc().web3j(), encoder(chain), gas());
  }

  /** The registry at {@code address}. */
  public static StatusListAnchorRegistry at(ZhixinChain chain, Address address) {
    return new StatusListAnchorRegistry(chain, address);
  }

  /**
   * Anchors {@code digest} as version {@code version} of the sender's list {@code listId}.
   *
   * @throws ContractRevertException {@code StatusListVersionNotIncreasing} when the version does not grow
   */
  public Receipt anchor(Bytes32 listId, long version, Bytes32 digest) {
    if (version <= 0) {
      throw new IllegalArgumentException("status list versions start at 1, got " + version);
    }
    return send("anchor status list " + listId + " v" + version,
        contract.anchor(listId.toArray(), BigInteger.valueOf(version), digest.toArray()),
        "status:" + listId.toHex() + ":" + version + ":" + digest.toHex());
  }

  /** The latest anchored version of {@code issuer}'s list {@code listId}, if any. */
  public Optional<Anchor> latest(Address issuer, Bytes32 listId) {
    List<Type> latest = call("read status list " + listId, contract.latest(issuer.toHex(), listId.toArray()));
    BigInteger version = (BigInteger) latest.get(0).getValue();
    if (version.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(new Anchor(version.longValueExact(), Bytes32.of((byte[]) latest.get(1).getValue()),
        Times.instant((BigInteger) latest.get(2).getValue())));
  }

  /** The digest {@code issuer} anchored as {@code version} of {@code listId}, if any. */
  public Optional<Bytes32> digestAt(Address issuer, Bytes32 listId, long version) {
    Bytes32 digest = Bytes32.of(this.<byte[]>callValue("read status list " + listId + " v" + version,
        contract.digestAt(issuer.toHex(), listId.toArray(), BigInteger.valueOf(version))));
    return digest.equals(Bytes32.ZERO) ? Optional.empty() : Optional.of(digest);
  }
}
