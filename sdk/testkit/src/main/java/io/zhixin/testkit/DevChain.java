package io.zhixin.testkit;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * An EVM chain to develop and test against: a Hardhat node that this object starts on a free
 * loopback port and always stops, or an external node named by {@code ZHIXIN_RPC_URL}.
 *
 * <pre>{@code
 * try (DevChain chain = DevChain.start()) {
 *   Web3j web3j = chain.web3j();
 *   TransactionManager tx = chain.transactionManager(0);
 *   ...
 * }
 * }</pre>
 *
 * <p>The embedded node is stopped by {@link #close()}, by a JVM shutdown hook, and, should the JVM
 * die without running hooks, by its own guard process, which exits when our pipe to it closes.
 *
 * <p>Thread-safe. Create one per test run and share it; starting a node takes about a second.
 */
public final class DevChain implements AutoCloseable {
  /** The environment variable that points everything at an external node instead. */
  public static final String RPC_URL_ENV = "ZHIXIN_RPC_URL";
  /** Comma-separated hex private keys for an external node that is not a Hardhat/Anvil dev node. */
  public static final String PRIVATE_KEYS_ENV = "ZHIXIN_PRIVATE_KEYS";

  /** web3j's default 15 s receipt poll makes every transaction slow on a chain that mines at once. */
  private static final long RECEIPT_POLL_MILLIS = 100;
  private static final int RECEIPT_POLL_ATTEMPTS = 600;

  private final String rpcUrl;
  private final long chainId;
  private final List<Credentials> accounts;
  private final HardhatNode node; // null for an external chain
  private final Web3j web3j;

  private DevChain(String rpcUrl, long chainId, List<Credentials> accounts, HardhatNode node) {
    this.rpcUrl = rpcUrl;
    this.chainId = chainId;
    this.accounts = List.copyOf(accounts);
    this.node = node;
    this.web3j = Web3j.build(new HttpService(rpcUrl));
  }

  /**
   * The chain named by {@code ZHIXIN_RPC_URL} when it is set, else a new embedded Hardhat node.
   *
   * @throws DevChainException when the node cannot be started or reached
   */
  public static DevChain start() {
    return connect(Optional.ofNullable(System.getenv(RPC_URL_ENV)).filter(s -> !s.isBlank()).orElse(null));
  }

  /**
   * The chain at {@code rpcUrl}, or a new embedded Hardhat node when it is null: what a CLI flag
   * such as {@code --rpc-url} maps to.
   */
  public static DevChain connect(String rpcUrl) {
    return rpcUrl == null ? embedded() : external(rpcUrl);
  }

  /** Starts a Hardhat node from the project's {@code contracts/} folder. */
  public static DevChain embedded() {
    HardhatNode node = HardhatNode.start(ContractsProject.locate());
    try {
      long chainId = JsonRpc.chainId(node.rpcUrl());
      return new DevChain(node.rpcUrl(), chainId, DevAccounts.hardhat(), node);
    } catch (RuntimeException e) {
      node.stop();
      throw e;
    }
  }

  /**
   * Connects to a running node. Its accounts come from {@code ZHIXIN_PRIVATE_KEYS}, or are the
   * well-known dev accounts when the node is a local dev chain (chain id 31337).
   */
  public static DevChain external(String rpcUrl) {
    long chainId = JsonRpc.chainId(rpcUrl);
    String keys = System.getenv(PRIVATE_KEYS_ENV);
    List<Credentials> accounts;
    if (keys != null && !keys.isBlank()) {
      accounts = DevAccounts.fromPrivateKeys(keys);
    } else if (chainId == DevAccounts.HARDHAT_CHAIN_ID) {
      accounts = DevAccounts.hardhat();
    } else {
      accounts = List.of();
    }
    return new DevChain(rpcUrl, chainId, accounts, null);
  }

  /** The JSON-RPC endpoint, for example {@code http://127.0.0.1:40123}. */
  public String rpcUrl() {
    return rpcUrl;
  }

  public long chainId() {
    return chainId;
  }

  /** True when this object started the node and will stop it. */
  public boolean isEmbedded() {
    return node != null;
  }

  /** Funded accounts: the 20 Hardhat dev accounts on an embedded chain. */
  public List<Credentials> accounts() {
    return accounts;
  }

  /** The funded account at {@code index}. */
  public Credentials account(int index) {
    if (index < 0 || index >= accounts.size()) {
      throw new IllegalArgumentException(
          "no dev account " + index + ": this chain has " + accounts.size()
              + (node == null ? " (set " + PRIVATE_KEYS_ENV + " for an external chain)" : ""));
    }
    return accounts.get(index);
  }

  /** A web3j client for this chain, shut down with it. */
  public Web3j web3j() {
    return web3j;
  }

  /** Signs with {@link #account(int)} and polls for receipts every 100 ms. */
  public TransactionManager transactionManager(int accountIndex) {
    return new RawTransactionManager(
        web3j,
        account(accountIndex),
        chainId,
        new PollingTransactionReceiptProcessor(web3j, RECEIPT_POLL_MILLIS, RECEIPT_POLL_ATTEMPTS));
  }

  /** The latest block number, read from the node. */
  public BigInteger blockNumber() {
    try {
      return web3j.ethBlockNumber().send().getBlockNumber();
    } catch (IOException e) {
      throw new DevChainException("cannot read the block number from " + rpcUrl + ": " + e.getMessage(), e);
    }
  }

  /** Stops the embedded node (an external one is left running). Safe to call more than once. */
  @Override
  public void close() {
    web3j.shutdown();
    if (node != null) {
      node.stop();
    }
  }

  @Override
  public String toString() {
    return "DevChain[" + rpcUrl + ", chainId=" + chainId + (node != null ? ", embedded" : ", external") + "]";
  }
}
