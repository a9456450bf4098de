package io.zhixin.did.ethr;

import io.zhixin.did.ethr.internal.RegistryAbi;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * One EVM network on which did:ethr DIDs are resolved: its chain id, how to reach it (a JSON-RPC URL or a web3j
 * client) and the address of its ERC-1056 registry. Immutable.
 *
 * <p>DIDs name a network by its hex chain id ({@code did:ethr:0x7a69:0x…} for chain 31337) or by one of its
 * {@linkplain Builder#name names} ({@code did:ethr:dev:0x…}); a DID without a network part names {@code mainnet}.
 *
 * <pre>{@code
 * EthrNetwork dev = EthrNetwork.builder().chainId(31337).rpcUrl("http://127.0.0.1:8545")
 *     .registry("0x5FbDB2315678afecb367f032d93F642f64180aa3").name("dev").build();
 * }</pre>
 */
public final class EthrNetwork {
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+(:[A-Za-z0-9._-]+)*");

  private final long chainId;
  private final String rpcUrl;
  private final Web3j web3j;
  private final String registry;
  private final List<String> names;

  private EthrNetwork(Builder b) {
    this.chainId = b.chainId;
    this.rpcUrl = b.rpcUrl;
    this.web3j = b.web3j != null ? b.web3j : Web3j.build(new HttpService(b.rpcUrl));
    this.registry = b.registry;
    this.names = List.copyOf(b.names);
  }

  /** A network reached at {@code rpcUrl} with its registry at {@code registry}, named by its hex chain id only. */
  public static EthrNetwork of(long chainId, String rpcUrl, String registry) {
    return builder().chainId(chainId).rpcUrl(rpcUrl).registry(registry).build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The chain id, e.g. 31337. */
  public long chainId() {
    return chainId;
  }

  /** The network part of DIDs on this chain: the hex chain id, e.g. {@code 0x7a69}. */
  public String id() {
    return hexChainId(chainId);
  }

  /** Further names that DIDs may use instead of the hex chain id. */
  public List<String> names() {
    return names;
  }

  /** The registry address (EIP-55 checksummed). */
  public String registry() {
    return registry;
  }

  /** The web3j client for this network (given, or made from the RPC URL). */
  public Web3j web3j() {
    return web3j;
  }

  /** The hex form of a chain id as DIDs write it: {@code 0x} and lowercase hex without leading zeros. */
  public static String hexChainId(long chainId) {
    return "0x" + Long.toHexString(chainId);
  }

  @Override
  public String toString() {
    return "EthrNetwork{" + id() + (names.isEmpty() ? "" : " " + names) + ", registry=" + registry
        + (rpcUrl == null ? "" : ", rpcUrl=" + rpcUrl) + "}";
  }

  /** Builds an {@link EthrNetwork}. Not thread-safe. */
  public static final class Builder {
    private long chainId;
    private String rpcUrl;
    private Web3j web3j;
    private String registry;
    private final List<String> names = new ArrayList<>();

    private Builder() {}

    /** The chain id (positive). */
    public Builder chainId(long chainId) {
      if (chainId <= 0) {
        throw new IllegalArgumentException("chainId must be positive, found " + chainId);
      }
      this.chainId = chainId;
      return this;
    }

    /** The JSON-RPC endpoint; a web3j client over HTTP is made from it. */
    public Builder rpcUrl(String rpcUrl) {
      this.rpcUrl = Objects.requireNonNull(rpcUrl, "rpcUrl");
      return this;
    }

    /** A web3j client to use instead of an RPC URL (shared with other code; not shut down by this SDK). */
    public Builder web3j(Web3j web3j) {
      this.web3j = Objects.requireNonNull(web3j, "web3j");
      return this;
    }

    /** The ERC-1056 registry address. */
    public Builder registry(String registry) {
      if (registry == null || !ADDRESS.matcher(registry).matches()) {
        throw new IllegalArgumentException("registry must be a 0x-prefixed 20-byte hex address, found " + registry);
      }
      this.registry = RegistryAbi.checksum(registry);
      return this;
    }

    /** A name DIDs may use for this network, e.g. {@code mainnet}, {@code dev}, {@code rsk:testnet}. */
    public Builder name(String name) {
      if (name == null || !NAME.matcher(name).matches() || name.startsWith("0x")) {
        throw new IllegalArgumentException("network name must be DID characters separated by ':' and must not "
            + "start with 0x (hex ids come from the chain id), found " + name);
      }
      names.add(name);
      return this;
    }

    /**
     * Builds the network.
     *
     * @throws IllegalStateException when the chain id, the registry, or both RPC URL and web3j client are missing
     */
    public EthrNetwork build() {
      if (chainId == 0) {
        throw new IllegalStateException("set the chainId");
      }
      if (registry == null) {
        throw new IllegalStateException("set the registry address");
      }
      if ((rpcUrl == null) == (web3j == null)) {
        throw new IllegalStateException("set exactly one of rpcUrl and web3j");
      }
      return new EthrNetwork(this);
    }
  }
}
