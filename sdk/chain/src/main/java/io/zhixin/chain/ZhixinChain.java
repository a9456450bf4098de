package io.zhixin.chain;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;

/**
 * A connection to the Zhixin contracts on one chain: an RPC endpoint, an optional signing account and
 * a {@link Deployment}. The typed clients ({@link #trustRegistry()}, {@link #attestations()}, …) come
 * from here.
 *
 * <pre>{@code
 * try (ZhixinChain chain = ZhixinChain.connect(rpcUrl, Account.fromPrivateKey(key), Deployment.read(path))) {
 *   boolean ok = chain.trustRegistry().isAccredited(issuer, type, issuedAt);
 * }
 * }</pre>
 *
 * <p>Thread-safe. Create one per account and share it; {@link #close()} releases the HTTP client.
 */
public final class ZhixinChain implements AutoCloseable {
  private final Rpc rpc;
  private final boolean ownsRpc;
  private final long chainId;
  private final ChainTransactionManager transactions; // null when read-only
  private final Deployment deployment; // null before deployment

  private ZhixinChain(Rpc rpc, boolean ownsRpc, long chainId, ChainTransactionManager transactions, Deployment deployment) {
    this.rpc = rpc;
    this.ownsRpc = ownsRpc;
    this.chainId = chainId;
    this.transactions = transactions;
    this.deployment = deployment;
  }

  /**
   * Connects {@code account} to the deployment at {@code rpcUrl}.
   *
   * @throws ChainIdMismatchException when the node serves another chain than the manifest names
   * @throws ChainUnavailableException when the node cannot be reached
   */
  public static ZhixinChain connect(String rpcUrl, Account account, Deployment deployment) {
    return builder().rpcUrl(rpcUrl).account(account).deployment(deployment).build();
  }

  /** A read-only connection (no account): for verifiers that only ask questions. */
  public static ZhixinChain connectReadOnly(String rpcUrl, Deployment deployment) {
    return builder().rpcUrl(rpcUrl).deployment(deployment).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A view of this connection bound to {@code deployment} (for example one just deployed), sharing the
   * connection and the transaction manager. Closing the view does not close this connection.
   *
   * @throws ChainIdMismatchException when the manifest names another chain
   */
  public ZhixinChain withDeployment(Deployment deployment) {
    checkChainId(deployment, chainId, rpc.url());
    return new ZhixinChain(rpc, false, chainId, transactions, deployment);
  }

  public long chainId() {
    return chainId;
  }

  public String rpcUrl() {
    return rpc.url();
  }

  /** The signing account's address; empty for a read-only connection. */
  public Optional<Address> sender() {
    return transactions == null ? Optional.empty() : Optional.of(transactions.address());
  }

  /**
   * The deployment this connection uses.
   *
   * @throws IllegalStateException when it has none
   */
  public Deployment deployment() {
    if (deployment == null) {
      throw new IllegalStateException("this connection has no deployment manifest: deploy(...) or connect with Deployment.read(path)");
    }
    return deployment;
  }

  /**
   * The transaction manager of the signing account.
   *
   * @throws IllegalStateException for a read-only connection
   */
  public ChainTransactionManager transactions() {
    if (transactions == null) {
      throw new IllegalStateException("this connection is read-only: connect with an Account to send transactions");
    }
    return transactions;
  }

  Rpc rpc() {
    return rpc;
  }

  /** The latest block number. */
  public long blockNumber() {
    return rpc.blockNumber().longValueExact();
  }

  /** The timestamp of the latest block: "now" as the contracts see it. */
  public Instant latestBlockTime() {
    var block = rpc.check("read the latest block", rpc.send("read the latest block",
        () -> rpc.web3j().ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false))).getBlock();
    return Instant.ofEpochSecond(block.getTimestamp().longValueExact());
  }

  /**
   * The timestamp of block {@code number}: the time its attestations were issued and its revocations took effect.
   *
   * @throws IllegalArgumentException when the node has no such block (yet)
   */
  public Instant blockTime(long number) {
    var block = rpc.check("read block " + number, rpc.send("read block " + number,
        () -> rpc.web3j().ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameter.valueOf(java.math.BigInteger.valueOf(number)),
            false))).getBlock();
    if (block == null) {
      throw new IllegalArgumentException("block " + number + " does not exist; the latest is " + blockNumber());
    }
    return Instant.ofEpochSecond(block.getTimestamp().longValueExact());
  }

  public TrustRegistry trustRegistry() {
    return TrustRegistry.at(this, deployment().address(ChainContract.TRUSTED_ISSUER_REGISTRY));
  }

  public AttestationRegistry attestations() {
    return AttestationRegistry.at(this, deployment().address(ChainContract.ATTESTATION_REGISTRY));
  }

  public SubsidyRegistry subsidies() {
    return SubsidyRegistry.at(this, deployment().address(ChainContract.SUBSIDY_CLAIM_REGISTRY));
  }

  public CreditScoreRegistry creditScores() {
    return CreditScoreRegistry.at(this, deployment().address(ChainContract.CREDIT_SCORE_REGISTRY));
  }

  public StatusListAnchorRegistry statusLists() {
    return StatusListAnchorRegistry.at(this, deployment().address(ChainContract.STATUS_LIST_ANCHORS));
  }

  public DidRegistry dids() {
    return DidRegistry.at(this, deployment().address(ChainContract.ETHEREUM_DID_REGISTRY));
  }

  /**
   * Deploys every contract, in dependency order, from this connection's account, with that account as
   * the trust registry's root authority and {@link CreditScoreRegistry#DEFAULT_BUREAU_SCOPE}.
   */
  public Deployment deploy() {
    return deploy(transactions().address(), CreditScoreRegistry.DEFAULT_BUREAU_SCOPE);
  }

  /**
   * Deploys every contract: the trust registry first (owned by {@code rootAuthority}), then the
   * registries that take its address, then the stand-alone ones. Returns the manifest; write it with
   * {@link Deployment#write}.
   */
  public Deployment deploy(Address rootAuthority, io.zhixin.chain.Bytes32 creditBureauScope) {
    Objects.requireNonNull(rootAuthority, "rootAuthority");
    Objects.requireNonNull(creditBureauScope, "creditBureauScope");
    ChainTransactionManager tx = transactions();
    Instant started = Instant.now();
    Map<ChainContract, Deployment.Deployed> deployed = new EnumMap<>(ChainContract.class);
    Deployment.Deployed trust = deployOne(tx, ChainContract.TRUSTED_ISSUER_REGISTRY,
        io.zhixin.chain.internal.contracts.TrustedIssuerRegistry.BINARY, List.of(new org.web3j.abi.datatypes.Address(rootAuthority.toHex())));
    deployed.put(ChainContract.TRUSTED_ISSUER_REGISTRY, trust);
    org.web3j.abi.datatypes.Address trustArg = new org.web3j.abi.datatypes.Address(trust.address().toHex());
    deployed.put(ChainContract.ATTESTATION_REGISTRY, deployOne(tx, ChainContract.ATTESTATION_REGISTRY,
        io.zhixin.chain.internal.contracts.AttestationRegistry.BINARY, List.of(trustArg)));
    deployed.put(ChainContract.SUBSIDY_CLAIM_REGISTRY, deployOne(tx, ChainContract.SUBSIDY_CLAIM_REGISTRY,
        io.zhixin.chain.internal.contracts.SubsidyClaimRegistry.BINARY, List.of(trustArg)));
    deployed.put(ChainContract.CREDIT_SCORE_REGISTRY, deployOne(tx, ChainContract.CREDIT_SCORE_REGISTRY,
        io.zhixin.chain.internal.contracts.CreditScoreRegistry.BINARY, List.of(trustArg, new Bytes32(creditBureauScope.toArray()))));
    deployed.put(ChainContract.STATUS_LIST_ANCHORS, deployOne(tx, ChainContract.STATUS_LIST_ANCHORS,
        io.zhixin.chain.internal.contracts.StatusListAnchors.BINARY, List.of()));
    deployed.put(ChainContract.ETHEREUM_DID_REGISTRY, deployOne(tx, ChainContract.ETHEREUM_DID_REGISTRY,
        io.zhixin.chain.internal.contracts.EthereumDIDRegistry.BINARY, List.of()));
    return new Deployment(chainId, tx.address(), rootAuthority, creditBureauScope, started, deployed);
  }

  private static Deployment.Deployed deployOne(ChainTransactionManager tx, ChainContract contract, String binary, List<Type> args) {
    String init = binary + FunctionEncoder.encodeConstructor(args);
    Receipt receipt = tx.deploy("deploy " + contract.contractName(), init);
    Address address = receipt.contractAddress()
        .orElseThrow(() -> new ChainException("deploying " + contract.contractName() + " created no contract (" + receipt + ")"));
    return new Deployment.Deployed(address, receipt.blockNumber(), receipt.transactionHash());
  }

  static void checkChainId(Deployment deployment, long actual, String url) {
    if (deployment != null && deployment.chainId() != actual) {
      throw new ChainIdMismatchException(deployment.chainId(), actual, url);
    }
  }

  @Override
  public void close() {
    if (ownsRpc) {
      rpc.close();
    }
  }

  @Override
  public String toString() {
    return "ZhixinChain[chain " + chainId + " at " + rpc.url() + (transactions != null ? ", as " + transactions.address() : ", read-only") + "]";
  }

  /** Configures a {@link ZhixinChain}. */
  public static final class Builder {
    private String rpcUrl;
    private Account account;
    private Deployment deployment;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private Duration pollInterval = Duration.ofMillis(100);
    private Duration receiptTimeout = Duration.ofSeconds(60);

    private Builder() {}

    public Builder rpcUrl(String rpcUrl) {
      this.rpcUrl = Objects.requireNonNull(rpcUrl, "rpcUrl");
      return this;
    }

    /** The signing account; without one the connection is read-only. */
    public Builder account(Account account) {
      this.account = account;
      return this;
    }

    public Builder deployment(Deployment deployment) {
      this.deployment = deployment;
      return this;
    }

    public Builder retryPolicy(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    public Builder receiptPollInterval(Duration interval) {
      this.pollInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    public Builder receiptTimeout(Duration timeout) {
      this.receiptTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Connects and checks the chain id against the deployment.
     *
     * @throws ChainIdMismatchException when the node serves another chain than the manifest names
     * @throws ChainUnavailableException when the node cannot be reached
     */
    public ZhixinChain build() {
      if (rpcUrl == null) {
        throw new IllegalStateException("a chain connection needs rpcUrl(...)");
      }
      if (pollInterval.isZero() || pollInterval.isNegative() || receiptTimeout.isZero() || receiptTimeout.isNegative()) {
        throw new IllegalArgumentException("the receipt poll interval and timeout must be positive");
      }
      Rpc rpc = new Rpc(rpcUrl, retry);
      try {
        long chainId = rpc.chainId();
        checkChainId(deployment, chainId, rpcUrl);
        ChainTransactionManager tx = account == null ? null
            : new ChainTransactionManager(rpc, account, chainId, pollInterval, receiptTimeout);
        return new ZhixinChain(rpc, true, chainId, tx, deployment);
      } catch (RuntimeException e) {
        rpc.close();
        throw e;
      }
    }
  }
}
