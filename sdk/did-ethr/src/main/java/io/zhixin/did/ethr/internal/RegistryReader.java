package io.zhixin.did.ethr.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Reads an identity's history from an ERC-1056 registry the way the reference resolver does: {@code changed(identity)},
 * then the registry's logs of that block with the identity as topic 1, then the earliest {@code previousChange}
 * before that block, and so on back to zero. Thread-safe. Not public API.
 */
public final class RegistryReader {
  private final Web3j web3j;
  private final String registry;

  public RegistryReader(Web3j web3j, String registry) {
    this.web3j = Objects.requireNonNull(web3j, "web3j");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** The failure of a read: the node is unreachable, answered with an error, or returned data that does not decode. */
  public static final class ReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReadException(String message, Throwable cause) {
      super(message, cause);
    }

    public ReadException(String message) {
      super(message);
    }
  }

  /** An identity's history is longer than the reader was allowed to walk. */
  public static final class HistoryTooLongException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HistoryTooLongException(String message) {
      super(message);
    }
  }

  /** The block of the identity's latest change; zero if it never changed. */
  public BigInteger changed(String identity) {
    return ((Uint256) call(RegistryAbi.changed(identity))).getValue();
  }

  /** The identity's current owner. */
  public String identityOwner(String identity) {
    return RegistryAbi.checksum(((Address) call(RegistryAbi.identityOwner(identity))).getValue());
  }

  private Type<?> call(Function f) {
    EthCall r = send("call " + f.getName() + " on the registry " + registry, () -> web3j.ethCall(
        Transaction.createEthCallTransaction(null, registry, FunctionEncoder.encode(f)),
        DefaultBlockParameterName.LATEST).send());
    String value = r.getValue();
    if (value == null || value.equals("0x")) {
      throw new ReadException("the registry " + registry + " returned no data for " + f.getName()
          + ": is a registry deployed at that address on this chain?");
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    List<Type> out = FunctionReturnDecoder.decode(value, f.getOutputParameters());
    if (out.size() != 1) {
      throw new ReadException("the registry " + registry + " returned malformed data for " + f.getName());
    }
    return out.get(0);
  }

  /** The identity's DID events, oldest first (within a block in log order), with no limit on their number. */
  public List<RegistryEvent> history(String identity) {
    return history(identity, Integer.MAX_VALUE);
  }

  /**
   * The identity's DID events, oldest first (within a block in log order).
   *
   * @param maxBlocks the most blocks with changes to read (one {@code eth_getLogs} each)
   * @throws HistoryTooLongException when the identity changed in more blocks than that
   */
  public List<RegistryEvent> history(String identity, int maxBlocks) {
    List<RegistryEvent> history = new ArrayList<>();
    String topic = RegistryAbi.identityTopic(identity);
    BigInteger previousChange = changed(identity);
    int blocks = 0;
    while (previousChange.signum() > 0) {
      if (++blocks > maxBlocks) {
        throw new HistoryTooLongException("the identity " + identity + " changed in more than " + maxBlocks
            + " blocks, the most this resolver reads");
      }
      BigInteger block = previousChange;
      DefaultBlockParameter at = DefaultBlockParameter.valueOf(block);
      EthFilter filter = new EthFilter(at, at, registry).addNullTopic().addSingleTopic(topic);
      EthLog logs = send("read the registry's logs of block " + block, () -> web3j.ethGetLogs(filter).send());
      if (logs.getLogs() == null || logs.getLogs().isEmpty()) {
        throw new ReadException("no registry logs in block " + block + " although the identity's previousChange "
            + "points there: the node may lack historical logs (use an archive node)");
      }
      List<RegistryEvent> events = new ArrayList<>();
      BigInteger earliest = BigInteger.ZERO;
      for (EthLog.LogResult<?> result : logs.getLogs()) {
        if (!(result.get() instanceof Log log)) {
          throw new ReadException("the node answered eth_getLogs with hashes instead of logs");
        }
        RegistryAbi.Decoded decoded;
        try {
          decoded = RegistryAbi.decode(log);
        } catch (IllegalArgumentException e) {
          throw new ReadException(e.getMessage(), e);
        }
        if (decoded == null) {
          continue;
        }
        BigInteger pc = decoded.previousChange();
        if (pc.signum() > 0 && pc.compareTo(block) < 0 && (earliest.signum() == 0 || pc.compareTo(earliest) < 0)) {
          earliest = pc;
        }
        if (decoded.event() != null) {
          events.add(decoded.event());
        }
      }
      history.addAll(0, events);
      previousChange = earliest;
    }
    return history;
  }

  /** The timestamp (seconds) of block {@code number}, or -1 when the chain has no such block yet. */
  public long blockTimestamp(long number) {
    EthBlock b = send("read block " + number, () -> web3j.ethGetBlockByNumber(
        DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false).send());
    if (b.getBlock() == null) {
      return -1;
    }
    return b.getBlock().getTimestamp().longValueExact();
  }

  interface Rpc<T extends Response<?>> {
    T send() throws IOException;
  }

  private <T extends Response<?>> T send(String what, Rpc<T> rpc) {
    T response;
    try {
      response = rpc.send();
    } catch (IOException e) {
      throw new ReadException("cannot " + what + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    } catch (RuntimeException e) {
      throw new ReadException("cannot " + what + ": " + e.getClass().getSimpleName(), e);
    }
    if (response == null) {
      throw new ReadException("cannot " + what + ": no response");
    }
    if (response.hasError()) {
      throw new ReadException("cannot " + what + ": the node answered " + response.getError().getMessage());
    }
    return response;
  }
}
