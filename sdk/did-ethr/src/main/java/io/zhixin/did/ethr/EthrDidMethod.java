package io.zhixin.did.ethr;

import io.zhixin.did.Did;
import io.zhixin.did.DidDocument;
import io.zhixin.did.DidDocumentMetadata;
import io.zhixin.did.DidMethod;
import io.zhixin.did.DidResolutionException;
import io.zhixin.did.DidResolutionResult;
import io.zhixin.did.ResolutionError;
import io.zhixin.did.ethr.internal.DocumentReplay;
import io.zhixin.did.ethr.internal.RegistryEvent;
import io.zhixin.did.ethr.internal.RegistryReader;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The did:ethr driver: resolves DIDs on ERC-1056 registries by replaying the registry's events the way the reference
 * resolver (ethr-did-resolver 11.1.3) does, so that both give the same document for the same chain. Immutable and
 * thread-safe: build one and share it.
 *
 * <p>What resolution does: reads {@code changed(identity)} from the registry of the DID's network, follows the
 * {@code previousChange} links back through the identity's {@code DIDOwnerChanged}, {@code DIDDelegateChanged} and
 * {@code DIDAttributeChanged} events, and replays them oldest first. The document has {@code #controller} (the current
 * owner's address as an {@code EcdsaSecp256k1RecoveryMethod2020}), {@code #controllerKey} for public-key DIDs while
 * the key's address still owns the identity, one {@code #delegate-N} per delegate or published key still valid at
 * the clock's time, and one {@code #service-N} per published service. An owner change to the zero address
 * deactivates the DID: its document has no methods and {@code deactivated} is set in the metadata. The metadata's
 * {@code versionId} and {@code updated} are the block number and time of the latest event.
 *
 * <p>Failures are results, never exceptions: {@code invalidDid} for a malformed identifier (bad hex, bad EIP-55
 * checksum, a key that is not a compressed secp256k1 point), {@code methodNotSupported} for a network this driver
 * was not configured with (the reference resolver's {@code unknownNetwork}, which DID Resolution does not define),
 * {@code internalError} when the node cannot be reached or answers wrongly (or the DID changed in more blocks than
 * {@link Builder#maxHistoryBlocks(int)}), {@code notFound} for a version block that does not exist.
 *
 * <pre>{@code
 * DidResolver resolver = DidResolver.builder()
 *     .method(EthrDidMethod.builder().network(EthrNetwork.of(31337, rpcUrl, registry)).build())
 *     .build();
 * DidDocument doc = resolver.resolve("did:ethr:0x7a69:0x…").orElseThrow();
 * }</pre>
 */
public final class EthrDidMethod implements DidMethod {
  /** The default of {@link Builder#maxHistoryBlocks(int)}. */
  public static final int DEFAULT_MAX_HISTORY_BLOCKS = 1_000;

  private final Map<String, Network> networks;
  private final Clock clock;
  private final int maxHistoryBlocks;

  private EthrDidMethod(Builder b) {
    this.networks = Map.copyOf(b.networks);
    this.clock = b.clock;
    this.maxHistoryBlocks = b.maxHistoryBlocks;
  }

  /** A builder with no networks and the system clock. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return EthrDid.METHOD;
  }

  /** The network ids and names this driver resolves. */
  public List<String> networkNames() {
    List<String> out = new ArrayList<>(networks.keySet());
    out.sort(null);
    return out;
  }

  /** Resolves {@code did} as of the latest block, checking delegate validity against the clock. */
  @Override
  public DidResolutionResult resolve(Did did) {
    return resolve(did, DocumentReplay.LATEST);
  }

  /**
   * Resolves {@code did} as it was at block {@code versionId} (the DID URL parameter {@code ?versionId=}): events
   * after that block are ignored and delegate validity is checked against that block's time.
   *
   * @return the document, or {@code notFound} when the chain has no such block yet, or the errors of
   *     {@link #resolve(Did)}
   * @throws IllegalArgumentException if {@code versionId} is negative
   */
  public DidResolutionResult resolveVersion(Did did, long versionId) {
    if (versionId < 0) {
      throw new IllegalArgumentException("versionId must be a block number (>= 0), found " + versionId);
    }
    return resolve(did, versionId);
  }

  private DidResolutionResult resolve(Did did, long blockHeight) {
    if (did == null) {
      return DidResolutionResult.failure(ResolutionError.INVALID_DID, "no DID given");
    }
    EthrDid id;
    try {
      id = EthrDid.parse(did);
    } catch (IllegalArgumentException e) {
      return DidResolutionResult.failure(ResolutionError.INVALID_DID, e.getMessage());
    }
    Network network = networks.get(id.network());
    if (network == null) {
      return DidResolutionResult.failure(ResolutionError.METHOD_NOT_SUPPORTED, "did:ethr network '" + id.network()
          + "' is not configured in this resolver; configured: " + networkNames());
    }
    try {
      BigInteger now = BigInteger.valueOf(clock.instant().getEpochSecond());
      if (blockHeight != DocumentReplay.LATEST) {
        long t = network.reader.blockTimestamp(blockHeight);
        if (t < 0) {
          return DidResolutionResult.failure(ResolutionError.NOT_FOUND, "no block " + blockHeight + " on chain "
              + network.config.chainId() + " yet, so no version " + blockHeight + " of " + did);
        }
        now = BigInteger.valueOf(t);
      }
      List<RegistryEvent> history = network.reader.history(id.address(), maxHistoryBlocks);
      DocumentReplay.Result r = DocumentReplay.replay(did.toString(), id.address(), id.publicKeyHex().orElse(null),
          BigInteger.valueOf(network.config.chainId()), history, blockHeight, now);
      DidDocumentMetadata.Builder meta = DidDocumentMetadata.builder().deactivated(r.deactivated());
      if (r.versionId() != 0) {
        long t = network.reader.blockTimestamp(r.versionId());
        meta.versionId(Long.toString(r.versionId()));
        if (t >= 0) {
          meta.updated(Instant.ofEpochSecond(t));
        }
      }
      return DidResolutionResult.success(DidDocument.parse(r.document().toString()), meta.build());
    } catch (RegistryReader.ReadException e) {
      return DidResolutionResult.failure(ResolutionError.INTERNAL_ERROR, "cannot resolve " + did + " on chain "
          + network.config.chainId() + ": " + e.getMessage());
    } catch (RegistryReader.HistoryTooLongException e) {
      return DidResolutionResult.failure(ResolutionError.INTERNAL_ERROR, "cannot resolve " + did + ": "
          + e.getMessage() + " (raise EthrDidMethod.Builder.maxHistoryBlocks to resolve it)");
    } catch (DidResolutionException e) {
      return DidResolutionResult.failure(e);
    } catch (RuntimeException e) {
      return DidResolutionResult.failure(ResolutionError.INTERNAL_ERROR, "cannot resolve " + did + " on chain "
          + network.config.chainId() + ": " + e.getClass().getSimpleName());
    }
  }

  @Override
  public String toString() {
    return "EthrDidMethod" + networkNames();
  }

  private static final class Network {
    final EthrNetwork config;
    final RegistryReader reader;

    Network(EthrNetwork config) {
      this.config = config;
      this.reader = new RegistryReader(config.web3j(), config.registry());
    }
  }

  /** Builds an {@link EthrDidMethod}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Network> networks = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private int maxHistoryBlocks = DEFAULT_MAX_HISTORY_BLOCKS;

    private Builder() {}

    /**
     * The most blocks with changes that resolving one DID reads (one {@code eth_getLogs} each; default
     * {@value EthrDidMethod#DEFAULT_MAX_HISTORY_BLOCKS}), so that a DID whose owner made endless changes cannot hold a
     * resolver for minutes. A longer history is an {@code internalError}.
     */
    public Builder maxHistoryBlocks(int maxHistoryBlocks) {
      if (maxHistoryBlocks < 1) {
        throw new IllegalArgumentException("maxHistoryBlocks must be positive, found " + maxHistoryBlocks);
      }
      this.maxHistoryBlocks = maxHistoryBlocks;
      return this;
    }

    /**
     * Adds a network, reachable under its hex chain id and its names.
     *
     * @throws IllegalArgumentException if another network already has that id or one of those names
     */
    public Builder network(EthrNetwork network) {
      Objects.requireNonNull(network, "network");
      Network n = new Network(network);
      List<String> keys = new ArrayList<>();
      keys.add(network.id());
      keys.addAll(network.names());
      for (String k : keys) {
        if (networks.containsKey(k)) {
          throw new IllegalArgumentException("did:ethr network '" + k + "' is already configured");
        }
      }
      keys.forEach(k -> networks.put(k, n));
      return this;
    }

    /** The clock against which delegate and attribute validity is checked (tests use a fixed clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the driver.
     *
     * @throws IllegalStateException if no network was added
     */
    public EthrDidMethod build() {
      if (networks.isEmpty()) {
        throw new IllegalStateException("add at least one EthrNetwork");
      }
      return new EthrDidMethod(this);
    }
  }
}
