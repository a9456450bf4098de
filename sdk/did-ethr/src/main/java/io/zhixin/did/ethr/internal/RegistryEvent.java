package io.zhixin.did.ethr.internal;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A decoded ERC-1056 registry event about one identity. Addresses are EIP-55 checksummed, {@code bytes32} names
 * are UTF-8 text without trailing NULs, attribute values are lowercase hex with {@code 0x}. Not public API.
 */
public sealed interface RegistryEvent permits RegistryEvent.OwnerChanged, RegistryEvent.DelegateChanged,
    RegistryEvent.AttributeChanged {

  /** The identity the event is about. */
  String identity();

  /** The block of the identity's change before this one; zero for its first change. */
  BigInteger previousChange();

  /** The block this event was emitted in. */
  long blockNumber();

  /** {@code validTo} of delegates and attributes; zero for owner changes (which never expire). */
  BigInteger validTo();

  /**
   * The key under which the replay tracks what this event adds or removes: event name, delegate type or attribute
   * name, delegate or value. A revocation has the same key as the addition it undoes.
   */
  String replayKey();

  /** {@code DIDOwnerChanged(identity, owner, previousChange)}. */
  record OwnerChanged(String identity, String owner, BigInteger previousChange, long blockNumber)
      implements RegistryEvent {
    public OwnerChanged {
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(previousChange, "previousChange");
    }

    @Override
    public BigInteger validTo() {
      return BigInteger.ZERO;
    }

    @Override
    public String replayKey() {
      return key("DIDOwnerChanged", null, null);
    }
  }

  /** {@code DIDDelegateChanged(identity, delegateType, delegate, validTo, previousChange)}. */
  record DelegateChanged(String identity, String delegateType, String delegate, BigInteger validTo,
      BigInteger previousChange, long blockNumber) implements RegistryEvent {
    public DelegateChanged {
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(delegateType, "delegateType");
      Objects.requireNonNull(delegate, "delegate");
      Objects.requireNonNull(validTo, "validTo");
      Objects.requireNonNull(previousChange, "previousChange");
    }

    @Override
    public String replayKey() {
      return key("DIDDelegateChanged", delegateType, delegate);
    }
  }

  /** {@code DIDAttributeChanged(identity, name, value, validTo, previousChange)}. */
  record AttributeChanged(String identity, String name, String valueHex, BigInteger validTo,
      BigInteger previousChange, long blockNumber) implements RegistryEvent {
    public AttributeChanged {
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(valueHex, "valueHex");
      if (!valueHex.startsWith("0x")) {
        throw new IllegalArgumentException("valueHex must start with 0x, found " + valueHex);
      }
      Objects.requireNonNull(validTo, "validTo");
      Objects.requireNonNull(previousChange, "previousChange");
    }

    @Override
    public String replayKey() {
      return key("DIDAttributeChanged", name, valueHex);
    }
  }

  // The reference resolver builds this key with JavaScript's `a || b`, so an empty type or name reads "undefined";
  // doing the same keeps the (rare) collisions identical.
  private static String key(String event, String typeOrName, String delegateOrValue) {
    return event + "-" + (typeOrName == null || typeOrName.isEmpty() ? "undefined" : typeOrName) + "-"
        + (delegateOrValue == null ? "undefined" : delegateOrValue);
  }
}
