package io.zhixin.did.ethr.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * The part of the ERC-1056 registry ABI that did:ethr needs, encoded with web3j's ABI classes: the view calls, the
 * owner's transactions and the three events. Not public API.
 */
public final class RegistryAbi {
  public static final Event OWNER_CHANGED = new Event("DIDOwnerChanged", Arrays.<TypeReference<?>>asList(
      new TypeReference<Address>(true) {}, new TypeReference<Address>() {}, new TypeReference<Uint256>() {}));
  public static final Event DELEGATE_CHANGED = new Event("DIDDelegateChanged", Arrays.<TypeReference<?>>asList(
      new TypeReference<Address>(true) {}, new TypeReference<Bytes32>() {}, new TypeReference<Address>() {},
      new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}));
  public static final Event ATTRIBUTE_CHANGED = new Event("DIDAttributeChanged", Arrays.<TypeReference<?>>asList(
      new TypeReference<Address>(true) {}, new TypeReference<Bytes32>() {}, new TypeReference<DynamicBytes>() {},
      new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}));

  private static final String OWNER_CHANGED_TOPIC = EventEncoder.encode(OWNER_CHANGED);
  private static final String DELEGATE_CHANGED_TOPIC = EventEncoder.encode(DELEGATE_CHANGED);
  private static final String ATTRIBUTE_CHANGED_TOPIC = EventEncoder.encode(ATTRIBUTE_CHANGED);

  private RegistryAbi() {}

  /** {@code changed(address) returns (uint256)}. */
  public static Function changed(String identity) {
    return new Function("changed", List.of(new Address(identity)), List.of(new TypeReference<Uint256>() {}));
  }

  /** {@code identityOwner(address) returns (address)}. */
  public static Function identityOwner(String identity) {
    return new Function("identityOwner", List.of(new Address(identity)), List.of(new TypeReference<Address>() {}));
  }

  public static String changeOwner(String identity, String newOwner) {
    return encode("changeOwner", new Address(identity), new Address(newOwner));
  }

  public static String addDelegate(String identity, String delegateType, String delegate, BigInteger validity) {
    return encode("addDelegate", new Address(identity), bytes32(delegateType), new Address(delegate),
        new Uint256(validity));
  }

  public static String revokeDelegate(String identity, String delegateType, String delegate) {
    return encode("revokeDelegate", new Address(identity), bytes32(delegateType), new Address(delegate));
  }

  public static String setAttribute(String identity, String name, byte[] value, BigInteger validity) {
    return encode("setAttribute", new Address(identity), bytes32(name), new DynamicBytes(value), new Uint256(validity));
  }

  public static String revokeAttribute(String identity, String name, byte[] value) {
    return encode("revokeAttribute", new Address(identity), bytes32(name), new DynamicBytes(value));
  }

  private static String encode(String name, Type<?>... args) {
    return FunctionEncoder.encode(new Function(name, List.of(args), List.of()));
  }

  /**
   * A delegate type or attribute name as {@code bytes32}: its UTF-8 bytes, zero-padded on the right.
   *
   * @throws IllegalArgumentException when longer than 32 bytes (the reference would silently truncate it)
   */
  public static Bytes32 bytes32(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    if (utf8.length > 32) {
      throw new IllegalArgumentException("'" + text + "' is " + utf8.length + " bytes in UTF-8; a registry name or "
          + "delegate type holds at most 32");
    }
    return new Bytes32(Arrays.copyOf(utf8, 32));
  }

  /** The 32-byte topic that an indexed {@code identity} has in the logs. */
  public static String identityTopic(String identity) {
    return Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(identity), 64);
  }

  /** A log decoded: the event (null when it is not a DID event, e.g. a name that is not UTF-8) and its previousChange. */
  public record Decoded(RegistryEvent event, BigInteger previousChange) {}

  /**
   * Decodes a registry log, or returns null for a log that is not one of the three events.
   *
   * @throws IllegalArgumentException for a log of one of the events whose data does not decode
   */
  public static Decoded decode(Log log) {
    List<String> topics = log.getTopics();
    if (topics == null || topics.size() != 2) {
      return null;
    }
    String topic0 = topics.get(0);
    Event event;
    if (OWNER_CHANGED_TOPIC.equalsIgnoreCase(topic0)) {
      event = OWNER_CHANGED;
    } else if (DELEGATE_CHANGED_TOPIC.equalsIgnoreCase(topic0)) {
      event = DELEGATE_CHANGED;
    } else if (ATTRIBUTE_CHANGED_TOPIC.equalsIgnoreCase(topic0)) {
      event = ATTRIBUTE_CHANGED;
    } else {
      return null;
    }
    String identity = checksum(((Address) FunctionReturnDecoder.decodeIndexedValue(topics.get(1),
        new TypeReference<Address>() {})).getValue());
    @SuppressWarnings("rawtypes") // web3j's decoder returns List<Type>
    List<Type> data;
    try {
      data = FunctionReturnDecoder.decode(log.getData(), event.getNonIndexedParameters());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed " + event.getName() + " log in block " + log.getBlockNumber(), e);
    }
    if (data == null || data.size() != event.getNonIndexedParameters().size()) {
      throw new IllegalArgumentException("malformed " + event.getName() + " log in block " + log.getBlockNumber());
    }
    long block = log.getBlockNumber().longValueExact();
    if (event == OWNER_CHANGED) {
      BigInteger pc = uint(data.get(1));
      return new Decoded(new RegistryEvent.OwnerChanged(identity, checksum(address(data.get(0))), pc, block), pc);
    }
    BigInteger validTo = uint(data.get(2));
    BigInteger pc = uint(data.get(3));
    String text = text((Bytes32) data.get(0));
    if (text == null) {
      return new Decoded(null, pc);
    }
    if (event == DELEGATE_CHANGED) {
      return new Decoded(new RegistryEvent.DelegateChanged(identity, text, checksum(address(data.get(1))), validTo, pc,
          block), pc);
    }
    String value = Numeric.toHexString(((DynamicBytes) data.get(1)).getValue());
    return new Decoded(new RegistryEvent.AttributeChanged(identity, text, value, validTo, pc, block), pc);
  }

  /** A {@code bytes32} as UTF-8 text without trailing NULs; null when not UTF-8 (as the reference's bytes32toString). */
  static String text(Bytes32 b) {
    String s = DocumentReplay.utf8(b.getValue());
    if (s == null) {
      return null;
    }
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '\0') {
      end--;
    }
    return s.substring(0, end);
  }

  private static String address(Type<?> t) {
    return ((Address) t).getValue();
  }

  private static BigInteger uint(Type<?> t) {
    return ((Uint256) t).getValue();
  }

  /** EIP-55 checksummed form of an address. */
  public static String checksum(String address) {
    return Keys.toChecksumAddress(Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(address), 40));
  }
}
