package io.zhixin.chain;

import io.zhixin.chain.internal.contracts.TrustedIssuerRegistry;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;

/**
 * The trusted issuer registry: who may issue which credential types and attestation schemas (scopes),
 * during which window, granted by whom. Answers "was issuer X accredited for scope S at time t" for any
 * past moment, free of charge (a view).
 *
 * <pre>{@code
 * TrustRegistry trust = chain.trustRegistry();
 * long dept = trust.accredit(Grant.to(taxBureau).scopes(TAX_SCHEMA).canAccredit(false));
 * boolean ok = trust.isAccredited(taxBureau, TAX_SCHEMA, issuedAt);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class TrustRegistry extends ContractClient {
  /** One accreditation as the registry holds it. */
  public record Accreditation(
      long id, Address issuer, long parent, int depth, boolean canAccredit, Instant validFrom,
      Optional<Instant> validUntil, Optional<Instant> revokedAt, boolean suspended, List<Bytes32> scopes) {
    /** True when granted directly by the root authority. */
    public boolean isRootGrant() {
      return parent == 0;
    }
  }

  /**
   * One change of an accreditation as its event recorded it, for indexers that rebuild accreditation history
   * (the credit engine): {@link Granted}, {@link Suspended}, {@link Reinstated} or {@link Revoked}.
   */
  public sealed interface Change permits Granted, Suspended, Reinstated, Revoked {
    /** The accreditation's id. */
    long id();

    /** The block the change was mined in. */
    long blockNumber();
  }

  /**
   * {@code AccreditationGranted}: {@code validUntil} empty for "until revoked" ({@code type(uint40).max}).
   */
  public record Granted(long id, Address issuer, Address grantor, long parent, List<Bytes32> scopes, Instant validFrom,
      Optional<Instant> validUntil, boolean canAccredit, long blockNumber) implements Change {}

  /** {@code AccreditationSuspended}, with effect from {@code effectiveFrom}. */
  public record Suspended(long id, Instant effectiveFrom, long blockNumber) implements Change {}

  /** {@code AccreditationReinstated}, with effect from {@code effectiveFrom}. */
  public record Reinstated(long id, Instant effectiveFrom, long blockNumber) implements Change {}

  /** {@code AccreditationRevoked}, with effect from {@code effectiveFrom}. */
  public record Revoked(long id, Instant effectiveFrom, long blockNumber) implements Change {}

  private static final String GRANTED_TOPIC = org.web3j.abi.EventEncoder.encode(TrustedIssuerRegistry.ACCREDITATIONGRANTED_EVENT);
  private static final String SUSPENDED_TOPIC = org.web3j.abi.EventEncoder.encode(TrustedIssuerRegistry.ACCREDITATIONSUSPENDED_EVENT);
  private static final String REINSTATED_TOPIC = org.web3j.abi.EventEncoder.encode(TrustedIssuerRegistry.ACCREDITATIONREINSTATED_EVENT);
  private static final String REVOKED_TOPIC = org.web3j.abi.EventEncoder.encode(TrustedIssuerRegistry.ACCREDITATIONREVOKED_EVENT);

  /** What to grant: built with {@link #to(Address)}. Immutable. */
  public static final class Grant {
    private final Address issuer;
    private final List<Bytes32> scopes;
    private final Instant validFrom;
    private final Instant validUntil;
    private final boolean canAccredit;
    private final long parent;

    private Grant(Address issuer, List<Bytes32> scopes, Instant validFrom, Instant validUntil, boolean canAccredit, long parent) {
      this.issuer = issuer;
      this.scopes = scopes;
      this.validFrom = validFrom;
      this.validUntil = validUntil;
      this.canAccredit = canAccredit;
      this.parent = parent;
    }

    /** A grant to {@code issuer}, valid from now until revoked, by the root authority, not delegable. */
    public static Grant to(Address issuer) {
      return new Grant(Objects.requireNonNull(issuer, "issuer"), List.of(), null, null, false, 0);
    }

    public Grant scopes(Bytes32... scopes) {
      return scopes(List.of(scopes));
    }

    public Grant scopes(List<Bytes32> scopes) {
      return new Grant(issuer, List.copyOf(scopes), validFrom, validUntil, canAccredit, parent);
    }

    /** Start of validity; never in the past (the registry refuses to rewrite history). Default: now. */
    public Grant validFrom(Instant from) {
      return new Grant(issuer, scopes, from, validUntil, canAccredit, parent);
    }

    /** End of validity (exclusive). Default: until revoked. */
    public Grant validUntil(Instant until) {
      return new Grant(issuer, scopes, validFrom, until, canAccredit, parent);
    }

    /** Whether the issuer may accredit others within this grant. */
    public Grant canAccredit(boolean canAccredit) {
      return new Grant(issuer, scopes, validFrom, validUntil, canAccredit, parent);
    }

    /** Grants under the sender's own accreditation {@code parentId} instead of as the root authority. */
    public Grant under(long parentId) {
      if (parentId <= 0) {
        throw new IllegalArgumentException("accreditation ids start at 1, got " + parentId);
      }
      return new Grant(issuer, scopes, validFrom, validUntil, canAccredit, parentId);
    }
  }

  private final TrustedIssuerRegistry contract;

  private TrustRegistry(ZhixinChain chain, Address address) {
    super(chain, address);
    this.contract = TrustedIssuerRegistry.load(address.toHex(), chain.rpc().web3j(), encoder(chain), gas());
  }

  /** The registry at {@code address}. */
  public static TrustRegistry at(ZhixinChain chain, Address address) {
    return new TrustRegistry(chain, address);
  }

  /**
   * Grants an accreditation and returns its id.
   *
   * @throws ContractRevertException e.g. {@code TrustRegistryNotGrantor}, {@code TrustRegistryScopeNotHeld},
   *     {@code TrustRegistryInvalidWindow}
   */
  public long accredit(Grant grant) {
    if (grant.scopes.isEmpty()) {
      throw new IllegalArgumentException("a grant needs at least one scope");
    }
    List<byte[]> scopes = grant.scopes.stream().map(Bytes32::toArray).toList();
    BigInteger from = grant.validFrom == null ? BigInteger.ZERO : Times.uint40(grant.validFrom, "validFrom");
    BigInteger until = grant.validUntil == null ? Times.UINT40_MAX : Times.uint40(grant.validUntil, "validUntil");
    Receipt receipt = send("accredit " + grant.issuer,
        contract.accredit(grant.issuer.toHex(), scopes, from, until, grant.canAccredit, BigInteger.valueOf(grant.parent)));
    return TrustedIssuerRegistry.getAccreditationGrantedEvents(receipt.raw()).get(0).id.longValueExact();
  }

  /** Suspends accreditation {@code id} from the next second on (and everything granted under it). */
  public Receipt suspend(long id) {
    return send("suspend accreditation " + id, contract.suspend(BigInteger.valueOf(id)));
  }

  /** Lifts the suspension of accreditation {@code id} from the next second on. */
  public Receipt reinstate(long id) {
    return send("reinstate accreditation " + id, contract.reinstate(BigInteger.valueOf(id)));
  }

  /** Revokes accreditation {@code id} for good from the next second on; answers about the past stay. */
  public Receipt revoke(long id) {
    return send("revoke accreditation " + id, contract.revoke(BigInteger.valueOf(id)));
  }

  /** Whether {@code issuer} was accredited for {@code scope} at {@code at} (any past or future moment). */
  public boolean isAccredited(Address issuer, Bytes32 scope, Instant at) {
    return callValue("check accreditation of " + issuer,
        contract.isAccredited(issuer.toHex(), scope.toArray(), Times.seconds(at)));
  }

  /** The accreditation that made {@code issuer} accredited for {@code scope} at {@code at}, if any. */
  public OptionalLong accreditationAt(Address issuer, Bytes32 scope, Instant at) {
    BigInteger id = callValue("find accreditation of " + issuer, contract.accreditationAt(issuer.toHex(), scope.toArray(), Times.seconds(at)));
    return id.signum() == 0 ? OptionalLong.empty() : OptionalLong.of(id.longValueExact());
  }

  /** Accreditation {@code id}, if it exists. */
  public Optional<Accreditation> accreditation(long id) {
    TrustedIssuerRegistry.Accreditation a;
    try {
      a = (TrustedIssuerRegistry.Accreditation) call("read accreditation " + id, contract.getAccreditation(BigInteger.valueOf(id))).get(0);
    } catch (ContractRevertException e) {
      if (e.errorName().equals("TrustRegistryUnknownAccreditation")) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.of(new Accreditation(id, Address.parse(a.issuer), a.parent.longValueExact(), a.depth.intValueExact(), a.canAccredit,
        Times.instant(a.validFrom), a.validUntil.equals(Times.UINT40_MAX) ? Optional.empty() : Optional.of(Times.instant(a.validUntil)),
        Times.optional(a.revokedAt), a.suspended, a.scopes.stream().map(Bytes32::of).toList()));
  }

  /** The ids of every accreditation ever granted to {@code issuer}, oldest first. */
  public List<Long> accreditationsOf(Address issuer) {
    List<Type> result = call("list accreditations of " + issuer, contract.accreditationsOf(issuer.toHex()));
    List<Long> ids = new ArrayList<>();
    for (Object t : ((DynamicArray<?>) result.get(0)).getValue()) {
      ids.add(((BigInteger) ((Type<?>) t).getValue()).longValueExact());
    }
    return ids;
  }

  /**
   * Every accreditation change (grant, suspension, reinstatement, revocation) in blocks {@code fromBlock}..{@code toBlock}
   * (inclusive), in chain order.
   */
  public List<Change> changesBetween(long fromBlock, long toBlock) {
    org.web3j.protocol.core.methods.request.EthFilter filter = new org.web3j.protocol.core.methods.request.EthFilter(
        org.web3j.protocol.core.DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
        org.web3j.protocol.core.DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)), address.toHex());
    filter.addOptionalTopics(GRANTED_TOPIC, SUSPENDED_TOPIC, REINSTATED_TOPIC, REVOKED_TOPIC);
    List<Change> out = new ArrayList<>();
    for (org.web3j.protocol.core.methods.response.Log log : chain.rpc().logs(
        "list accreditation changes in blocks " + fromBlock + ".." + toBlock, filter)) {
      long block = log.getBlockNumber().longValueExact();
      String topic = log.getTopics().get(0);
      if (topic.equals(GRANTED_TOPIC)) {
        var e = TrustedIssuerRegistry.getAccreditationGrantedEventFromLog(log);
        out.add(new Granted(e.id.longValueExact(), Address.parse(e.issuer), Address.parse(e.grantor), e.parent.longValueExact(),
            e.scopes.stream().map(Bytes32::of).toList(), Times.instant(e.validFrom),
            e.validUntil.equals(Times.UINT40_MAX) ? Optional.empty() : Optional.of(Times.instant(e.validUntil)), e.canAccredit, block));
      } else if (topic.equals(SUSPENDED_TOPIC)) {
        var e = TrustedIssuerRegistry.getAccreditationSuspendedEventFromLog(log);
        out.add(new Suspended(e.id.longValueExact(), Times.instant(e.effectiveFrom), block));
      } else if (topic.equals(REINSTATED_TOPIC)) {
        var e = TrustedIssuerRegistry.getAccreditationReinstatedEventFromLog(log);
        out.add(new Reinstated(e.id.longValueExact(), Times.instant(e.effectiveFrom), block));
      } else if (topic.equals(REVOKED_TOPIC)) {
        var e = TrustedIssuerRegistry.getAccreditationRevokedEventFromLog(log);
        out.add(new Revoked(e.id.longValueExact(), Times.instant(e.effectiveFrom), block));
      }
    }
    return List.copyOf(out);
  }

  /** The current root authority. */
  public Address rootAuthority() {
    return Address.parse(callValue("read the root authority", contract.owner()));
  }

  /** Starts handing the root authority to {@code newRoot}, who must {@link #acceptRootAuthority()}. */
  public Receipt transferRootAuthority(Address newRoot) {
    return send("transfer the root authority to " + newRoot, contract.transferOwnership(newRoot.toHex()));
  }

  /** Completes a transfer of the root authority; sent by the new root. */
  public Receipt acceptRootAuthority() {
    return send("accept the root authority", contract.acceptOwnership());
  }
}
