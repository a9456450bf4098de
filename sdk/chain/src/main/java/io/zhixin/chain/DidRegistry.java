package io.zhixin.chain;

import io.zhixin.chain.internal.contracts.EthereumDIDRegistry;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The ERC-1056 DID registry behind did:ethr: identity owners, delegates and attributes, and the
 * change history a did:ethr resolver replays.
 *
 * <pre>{@code
 * DidRegistry dids = chain.dids();
 * dids.setAttribute(me, Bytes32.ofText("did/svc/HubService"), "https://hub.example".getBytes(UTF_8), Duration.ofDays(365));
 * List<DidRegistry.Change> history = dids.history(me); // oldest first, following previousChange
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class DidRegistry extends ContractClient {
  /** One recorded change of an identity, as a resolver reads it. */
  public sealed interface Change permits OwnerChanged, DelegateChanged, AttributeChanged {
    Address identity();

    /** The block this change was recorded in. */
    long blockNumber();

    /** The block of the identity's change before this one (0 for the first). */
    long previousChange();
  }

  public record OwnerChanged(Address identity, Address owner, long blockNumber, long previousChange) implements Change {}

  /** {@code validTo} is the revocation time when the delegate was revoked. */
  public record DelegateChanged(Address identity, Bytes32 delegateType, Address delegate, Instant validTo, long blockNumber,
      long previousChange) implements Change {}

  /** {@code validTo} is {@link Instant#EPOCH} when the attribute was revoked. */
  public record AttributeChanged(Address identity, Bytes32 name, byte[] value, Instant validTo, long blockNumber, long previousChange)
      implements Change {
    public AttributeChanged {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    public boolean isRevoked() {
      return validTo.equals(Instant.EPOCH);
    }
  }

  private static final String OWNER_TOPIC = EventEncoder.encode(EthereumDIDRegistry.DIDOWNERCHANGED_EVENT);
  private static final String DELEGATE_TOPIC = EventEncoder.encode(EthereumDIDRegistry.DIDDELEGATECHANGED_EVENT);
  private static final String ATTRIBUTE_TOPIC = EventEncoder.encode(EthereumDIDRegistry.DIDATTRIBUTECHANGED_EVENT);

  private final EthereumDIDRegistry contract;

  private DidRegistry(ZhixinChain chain, Address address) {
    super(chain, address);
    this.contract = EthereumDIDRegistry.load(address.toHex(), chain.rpc().web3j(), encoder(chain), gas());
  }

  public static DidRegistry at(ZhixinChain chain, Address address) {
    return new DidRegistry(chain, address);
  }

  /** The identity's current owner (the identity itself until it names another). */
  public Address identityOwner(Address identity) {
    return Address.parse(callValue("read the owner of " + identity, contract.identityOwner(identity.toHex())));
  }

  /** The block of the identity's latest change; 0 when it never changed. */
  public long changed(Address identity) {
    return this.<BigInteger>callValue("read the last change of " + identity, contract.changed(identity.toHex())).longValueExact();
  }

  /** Whether {@code delegate} is a valid delegate of type {@code delegateType} of {@code identity} now. */
  public boolean validDelegate(Address identity, Bytes32 delegateType, Address delegate) {
    return callValue("check delegate " + delegate, contract.validDelegate(identity.toHex(), delegateType.toArray(), delegate.toHex()));
  }

  /** The next nonce of {@code signer} for the {@code *Signed} functions. */
  public long nonce(Address signer) {
    return this.<BigInteger>callValue("read the nonce of " + signer, contract.nonce(signer.toHex())).longValueExact();
  }

  public Receipt changeOwner(Address identity, Address newOwner) {
    return send("change the owner of " + identity, contract.changeOwner(identity.toHex(), newOwner.toHex()));
  }

  public Receipt addDelegate(Address identity, Bytes32 delegateType, Address delegate, Duration validity) {
    return send("add delegate " + delegate + " to " + identity,
        contract.addDelegate(identity.toHex(), delegateType.toArray(), delegate.toHex(), seconds(validity)));
  }

  public Receipt revokeDelegate(Address identity, Bytes32 delegateType, Address delegate) {
    return send("revoke delegate " + delegate + " of " + identity, contract.revokeDelegate(identity.toHex(), delegateType.toArray(), delegate.toHex()));
  }

  /** Publishes attribute {@code name} = {@code value} for {@code validity}; the value lives only in the event log. */
  public Receipt setAttribute(Address identity, Bytes32 name, byte[] value, Duration validity) {
    return send("set attribute " + name.toText() + " of " + identity,
        contract.setAttribute(identity.toHex(), name.toArray(), value.clone(), seconds(validity)));
  }

  public Receipt revokeAttribute(Address identity, Bytes32 name, byte[] value) {
    return send("revoke attribute " + name.toText() + " of " + identity, contract.revokeAttribute(identity.toHex(), name.toArray(), value.clone()));
  }

  /**
   * {@link #changeOwner} authorised by {@code owner}'s signature and sent (and paid for) by this
   * connection's account: the owner needs a key, not gas. The ERC-1056 message is
   * {@code keccak256(0x19 ‖ 0x00 ‖ registry ‖ nonce[owner] ‖ identity ‖ "changeOwner" ‖ newOwner)}.
   */
  public Receipt changeOwnerSigned(Address identity, Account owner, Address newOwner) {
    Sig sig = sign(owner, identity, "changeOwner", addr(newOwner));
    return send("change the owner of " + identity + " (signed)",
        contract.changeOwnerSigned(identity.toHex(), sig.v, sig.r, sig.s, newOwner.toHex()));
  }

  /** {@link #addDelegate} authorised by {@code owner}'s signature; see {@link #changeOwnerSigned}. */
  public Receipt addDelegateSigned(Address identity, Account owner, Bytes32 delegateType, Address delegate, Duration validity) {
    Sig sig = sign(owner, identity, "addDelegate", delegateType.toArray(), addr(delegate), uint(seconds(validity)));
    return send("add delegate " + delegate + " to " + identity + " (signed)",
        contract.addDelegateSigned(identity.toHex(), sig.v, sig.r, sig.s, delegateType.toArray(), delegate.toHex(), seconds(validity)));
  }

  /** {@link #revokeDelegate} authorised by {@code owner}'s signature; see {@link #changeOwnerSigned}. */
  public Receipt revokeDelegateSigned(Address identity, Account owner, Bytes32 delegateType, Address delegate) {
    Sig sig = sign(owner, identity, "revokeDelegate", delegateType.toArray(), addr(delegate));
    return send("revoke delegate " + delegate + " of " + identity + " (signed)",
        contract.revokeDelegateSigned(identity.toHex(), sig.v, sig.r, sig.s, delegateType.toArray(), delegate.toHex()));
  }

  /** {@link #setAttribute} authorised by {@code owner}'s signature; see {@link #changeOwnerSigned}. */
  public Receipt setAttributeSigned(Address identity, Account owner, Bytes32 name, byte[] value, Duration validity) {
    Sig sig = sign(owner, identity, "setAttribute", name.toArray(), value, uint(seconds(validity)));
    return send("set attribute " + name.toText() + " of " + identity + " (signed)",
        contract.setAttributeSigned(identity.toHex(), sig.v, sig.r, sig.s, name.toArray(), value.clone(), seconds(validity)));
  }

  /** {@link #revokeAttribute} authorised by {@code owner}'s signature; see {@link #changeOwnerSigned}. */
  public Receipt revokeAttributeSigned(Address identity, Account owner, Bytes32 name, byte[] value) {
    Sig sig = sign(owner, identity, "revokeAttribute", name.toArray(), value);
    return send("revoke attribute " + name.toText() + " of " + identity + " (signed)",
        contract.revokeAttributeSigned(identity.toHex(), sig.v, sig.r, sig.s, name.toArray(), value.clone()));
  }

  private record Sig(BigInteger v, byte[] r, byte[] s) {}

  /** Signs the ERC-1056 message (ERC-191 version 0, no "Ethereum Signed Message" prefix) with the owner's current nonce. */
  private Sig sign(Account owner, Address identity, String function, byte[]... arguments) {
    java.io.ByteArrayOutputStream message = new java.io.ByteArrayOutputStream();
    message.write(0x19);
    message.write(0x00);
    message.writeBytes(addr(address));
    // The contract hashes the nonce of the identity's current owner: a signature by anyone else then
    // recovers to its signer, which the contract names in DIDRegistryBadSignature.
    message.writeBytes(uint(BigInteger.valueOf(nonce(identityOwner(identity)))));
    message.writeBytes(addr(identity));
    message.writeBytes(function.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    for (byte[] argument : arguments) {
      message.writeBytes(argument);
    }
    org.web3j.crypto.Sign.SignatureData sig =
        org.web3j.crypto.Sign.signMessage(message.toByteArray(), owner.credentials().getEcKeyPair(), true);
    return new Sig(new BigInteger(1, sig.getV()), sig.getR(), sig.getS());
  }

  private static byte[] addr(Address a) {
    return org.web3j.utils.Numeric.hexStringToByteArray(a.toHex());
  }

  private static byte[] uint(BigInteger v) {
    return org.web3j.utils.Numeric.toBytesPadded(v, 32);
  }

  /**
   * Every change of {@code identity}, oldest first, found as a did:ethr resolver finds them: start at
   * {@link #changed}, read that block's events for the identity, follow their {@code previousChange}
   * links back until 0.
   */
  public List<Change> history(Address identity) {
    List<Change> changes = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    long block = changed(identity);
    String identityTopic = TypeEncoder.encode(new org.web3j.abi.datatypes.Address(identity.toHex()));
    while (block != 0 && seen.add(block)) {
      EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)),
          DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), address.toHex());
      filter.addOptionalTopics(OWNER_TOPIC, DELEGATE_TOPIC, ATTRIBUTE_TOPIC);
      filter.addSingleTopic("0x" + identityTopic);
      long previous = 0;
      for (Log log : chain.rpc().logs("read the DID history of " + identity, filter)) {
        Change change = decode(identity, log);
        changes.add(change);
        if (change.previousChange() < block) {
          previous = Math.max(previous, change.previousChange());
        }
      }
      block = previous;
    }
    changes.sort(Comparator.comparingLong(Change::blockNumber));
    return List.copyOf(changes);
  }

  private static Change decode(Address identity, Log log) {
    String topic = log.getTopics().get(0);
    long block = log.getBlockNumber().longValueExact();
    if (topic.equals(OWNER_TOPIC)) {
      var e = EthereumDIDRegistry.getDIDOwnerChangedEventFromLog(log);
      return new OwnerChanged(identity, Address.parse(e.owner), block, e.previousChange.longValueExact());
    }
    if (topic.equals(DELEGATE_TOPIC)) {
      var e = EthereumDIDRegistry.getDIDDelegateChangedEventFromLog(log);
      return new DelegateChanged(identity, Bytes32.of(e.delegateType), Address.parse(e.delegate), Times.instant(e.validTo), block,
          e.previousChange.longValueExact());
    }
    var e = EthereumDIDRegistry.getDIDAttributeChangedEventFromLog(log);
    return new AttributeChanged(identity, Bytes32.of(e.name), e.value, Times.instant(e.validTo), block, e.previousChange.longValueExact());
  }

  private static BigInteger seconds(Duration validity) {
    if (validity.isNegative()) {
      throw new IllegalArgumentException("validity must not be negative, got " + validity);
    }
    return BigInteger.valueOf(validity.getSeconds());
  }
}
