package io.zhixin.chain;

import java.math.BigInteger;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** The receipt of a mined, successful transaction. Immutable. */
public final class Receipt {
  private final TransactionReceipt raw;

  Receipt(TransactionReceipt raw) {
    this.raw = raw;
  }

  public String transactionHash() {
    return raw.getTransactionHash();
  }

  public long blockNumber() {
    return raw.getBlockNumber().longValueExact();
  }

  public BigInteger gasUsed() {
    return raw.getGasUsed();
  }

  /** The address of the contract this transaction created, if it created one. */
  public Optional<Address> contractAddress() {
    return Optional.ofNullable(raw.getContractAddress()).map(Address::parse);
  }

  TransactionReceipt raw() {
    return raw;
  }

  @Override
  public String toString() {
    return "Receipt[" + transactionHash() + " in block " + blockNumber() + ", gas " + gasUsed() + "]";
  }
}
