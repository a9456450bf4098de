package io.zhixin.chain;

import java.util.List;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/** What every typed client shares: reading by eth_call and writing through the transaction manager. */
abstract class ContractClient {
  final ZhixinChain chain;
  final Address address;

  ContractClient(ZhixinChain chain, Address address) {
    this.chain = chain;
    this.address = address;
  }

  /** The contract's address. */
  public Address address() {
    return address;
  }

  /** A web3j transaction manager for wrappers, used only to encode calls and decode results. */
  static ReadonlyTransactionManager encoder(ZhixinChain chain) {
    return new ReadonlyTransactionManager(chain.rpc().web3j(), chain.sender().map(Address::toHex).orElse(Address.ZERO.toHex()));
  }

  static DefaultGasProvider gas() {
    return new DefaultGasProvider();
  }

  List<Type> call(String what, RemoteFunctionCall<?> function) {
    String result = chain.rpc().call(what, chain.sender().orElse(null), address, function.encodeFunctionCall(), DefaultBlockParameterName.LATEST);
    if (result == null || result.equals("0x")) {
      throw new ChainException("cannot " + what + ": no contract answered at " + address + " (wrong deployment manifest or chain?)");
    }
    return function.decodeFunctionResponse(result);
  }

  @SuppressWarnings("unchecked")
  <T> T callValue(String what, RemoteFunctionCall<?> function) {
    return (T) call(what, function).get(0).getValue();
  }

  Receipt send(String what, RemoteFunctionCall<?> function) {
    return send(what, function, null);
  }

  Receipt send(String what, RemoteFunctionCall<?> function, String idempotencyKey) {
    Receipt receipt = chain.transactions().send(what, address, function.encodeFunctionCall(), idempotencyKey);
    // Every state change of the Zhixin contracts emits an event. A successful transaction without one
    // went to an address without the contract: a wrong manifest, or a chain that was reset.
    boolean emitted = receipt.raw().getLogs().stream().anyMatch(log -> address.toHex().equalsIgnoreCase(log.getAddress()));
    if (!emitted) {
      throw new ChainException("cannot " + what + ": transaction " + receipt.transactionHash() + " was mined but " + address
          + " emitted nothing; is the contract deployed there (wrong deployment manifest, or a chain that was reset)?");
    }
    return receipt;
  }
}
