package io.zhixin.chain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A contract refused a call or transaction. When the revert data matches a custom error of the Zhixin
 * contracts' ABI, {@link #errorName()} names it (for example {@code SubsidyAlreadyClaimed}) and
 * {@link #arguments()} holds its decoded arguments by parameter name ({@link Bytes32}, {@link Address},
 * {@link java.math.BigInteger}, {@link Boolean} or {@link String}). {@code Error(string)} reverts are
 * named {@code Error} with a {@code message} argument, panics {@code Panic} with a {@code code}.
 * Unknown revert data is named {@code Unknown}.
 */
public final class ContractRevertException extends ChainException {
  private static final long serialVersionUID = 1L;
  /** The name used when the revert data matches no known error. */
  public static final String UNKNOWN = "Unknown";

  private final String errorName;
  private final transient Map<String, Object> arguments;
  private final String revertData;
  private final String transactionHash;

  ContractRevertException(String what, String errorName, Map<String, Object> arguments, String revertData, String transactionHash) {
    super(what + " reverted with " + describe(errorName, arguments, revertData)
        + (transactionHash == null ? "" : " (transaction " + transactionHash + ")"));
    this.errorName = errorName;
    this.arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    this.revertData = revertData;
    this.transactionHash = transactionHash;
  }

  /** The custom error's name, e.g. {@code SubsidyAlreadyClaimed}; a stable code to switch on. */
  public String errorName() {
    return errorName;
  }

  /** The decoded arguments by ABI parameter name, in declaration order. */
  public Map<String, Object> arguments() {
    return arguments;
  }

  /** One decoded argument, cast to the type the caller expects. */
  public <T> T argument(String name, Class<T> type) {
    Object value = arguments.get(name);
    if (value == null) {
      throw new IllegalArgumentException(errorName + " has no argument '" + name + "'; it has " + arguments.keySet());
    }
    return type.cast(value);
  }

  /** The raw revert data, hex with {@code 0x}; {@code 0x} when the node gave none. */
  public String revertData() {
    return revertData;
  }

  /** The mined transaction that reverted; empty when the revert was caught before sending. */
  public Optional<String> transactionHash() {
    return Optional.ofNullable(transactionHash);
  }

  private static String describe(String name, Map<String, Object> args, String data) {
    if (UNKNOWN.equals(name)) {
      return "unknown revert data " + data;
    }
    StringBuilder b = new StringBuilder(name).append('(');
    String sep = "";
    for (Map.Entry<String, Object> e : args.entrySet()) {
      b.append(sep).append(e.getKey()).append('=').append(e.getValue());
      sep = ", ";
    }
    return b.append(')').toString();
  }
}
