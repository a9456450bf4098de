package io.zhixin.did;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Resolves DIDs by dispatching to the registered {@link DidMethod}s, caches successful results for a TTL, and
 * dereferences DID URLs to verification methods. Immutable and thread-safe: build one and share it.
 *
 * <p>Never throws for bad input or failing drivers: every failure is a result with a {@link ResolutionError}
 * ({@code invalidDid} for malformed or over-long input, {@code methodNotSupported} for unregistered methods,
 * {@code internalError} when a driver throws). There is no process-wide registry: what a resolver resolves is what
 * its builder was given.
 *
 * <pre>{@code
 * DidResolver resolver = DidResolver.builder()
 *     .method(DidKey.method()).method(DidJwk.method()).method(DidWeb.method())
 *     .cacheTtl(Duration.ofMinutes(5))
 *     .build();
 * JWK key = resolver.dereference(kid).publicJwk().orElseThrow();
 * }</pre>
 */
public final class DidResolver {
  private final Map<String, DidMethod> methods;
  private final Duration ttl;
  private final int maxEntries;
  private final Clock clock;
  private final Map<String, CacheEntry> cache;

  private DidResolver(Builder b) {
    this.methods = Map.copyOf(b.methods);
    this.ttl = b.ttl;
    this.maxEntries = b.maxEntries;
    this.clock = b.clock;
    // Access-ordered map as a small LRU; guarded by its own monitor.
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, CacheEntry> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /** A builder with no methods, a 5-minute cache of at most 10,000 results and the system clock. */
  public static Builder builder() {
    return new Builder();
  }

  /** The method names this resolver handles. */
  public Set<String> methods() {
    return methods.keySet();
  }

  /** Resolves a DID given as a string; see {@link #resolve(Did)}. Malformed input gives {@code invalidDid}. */
  public DidResolutionResult resolve(String did) {
    if (did == null) {
      return DidResolutionResult.failure(ResolutionError.INVALID_DID, "no DID given");
    }
    Did parsed;
    try {
      parsed = Did.parse(did);
    } catch (IllegalArgumentException e) {
      return DidResolutionResult.failure(ResolutionError.INVALID_DID, e.getMessage());
    }
    return resolve(parsed);
  }

  /** Resolves a DID: from the cache if fresh, else through its method's driver. */
  public DidResolutionResult resolve(Did did) {
    if (did == null) {
      return DidResolutionResult.failure(ResolutionError.INVALID_DID, "no DID given");
    }
    String key = did.toString();
    Instant now = clock.instant();
    synchronized (cache) {
      CacheEntry hit = cache.get(key);
      if (hit != null && now.isBefore(hit.expires)) {
        return hit.result;
      }
    }
    DidMethod method = methods.get(did.method());
    if (method == null) {
      return DidResolutionResult.failure(ResolutionError.METHOD_NOT_SUPPORTED,
          "DID method '" + did.method() + "' is not supported; supported: " + methods.keySet());
    }
    DidResolutionResult result = callDriver(method, did);
    if (result.isSuccess() && !ttl.isZero()) {
      synchronized (cache) {
        cache.put(key, new CacheEntry(result, now.plus(ttl)));
      }
    }
    return result;
  }

  private static DidResolutionResult callDriver(DidMethod method, Did did) {
    try {
      DidResolutionResult r = method.resolve(did);
      if (r == null) {
        return DidResolutionResult.failure(ResolutionError.INTERNAL_ERROR,
            "did:" + method.name() + " driver returned no result");
      }
      if (r.isSuccess() && !r.orElseThrow().id().equals(did)) {
        return DidResolutionResult.failure(ResolutionError.INVALID_DID_DOCUMENT,
            "document id " + r.orElseThrow().id() + " does not match the DID " + did);
      }
      return r;
    } catch (DidResolutionException e) {
      return DidResolutionResult.failure(e);
    } catch (RuntimeException e) {
      return DidResolutionResult.failure(ResolutionError.INTERNAL_ERROR,
          "did:" + method.name() + " driver failed: " + e.getClass().getSimpleName());
    }
  }

  /**
   * Dereferences a DID URL with a fragment to a verification method of the resolved document.
   *
   * @return the method, or {@code invalidDidUrl} (malformed, no fragment, path or query given),
   *     {@code notFound} (no such method), {@code deactivated}, or the resolution error
   */
  public DidDereferencingResult dereference(String didUrl) {
    DidUrl url;
    try {
      url = DidUrl.parse(Objects.requireNonNull(didUrl, "no DID URL given"));
    } catch (IllegalArgumentException | NullPointerException e) {
      return DidDereferencingResult.failure(ResolutionError.INVALID_DID_URL, String.valueOf(e.getMessage()));
    }
    if (url.fragment() == null || url.path() != null || url.query() != null) {
      return DidDereferencingResult.failure(ResolutionError.INVALID_DID_URL,
          "expected a DID URL of the form did:…#fragment, found '" + abbreviated(didUrl) + "'");
    }
    DidResolutionResult r = resolve(url.did());
    if (!r.isSuccess()) {
      return DidDereferencingResult.failure(r.error().orElseThrow(),
          r.resolutionMetadata().errorMessage().orElse(""));
    }
    if (r.documentMetadata().deactivated()) {
      return DidDereferencingResult.failure(ResolutionError.DEACTIVATED, url.did() + " is deactivated");
    }
    DidDocument doc = r.orElseThrow();
    return doc.verificationMethod("#" + url.fragment())
        .map(vm -> DidDereferencingResult.success(vm, doc))
        .orElseGet(() -> DidDereferencingResult.failure(ResolutionError.NOT_FOUND,
            "no verification method #" + abbreviated(url.fragment()) + " in the document of " + url.did()));
  }

  private static String abbreviated(String s) {
    return Did.abbreviate(s);
  }

  private static final class CacheEntry {
    final DidResolutionResult result;
    final Instant expires;

    CacheEntry(DidResolutionResult result, Instant expires) {
      this.result = result;
      this.expires = expires;
    }
  }

  /** Builds a {@link DidResolver}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, DidMethod> methods = new LinkedHashMap<>();
    private Duration ttl = Duration.ofMinutes(5);
    private int maxEntries = 10_000;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Registers a driver for its {@link DidMethod#name()}.
     *
     * @throws IllegalArgumentException if a driver for that method is already registered
     */
    public Builder method(DidMethod method) {
      Objects.requireNonNull(method, "method");
      String name = Objects.requireNonNull(method.name(), "method.name()");
      if (methods.putIfAbsent(name, method) != null) {
        throw new IllegalArgumentException("a driver for did:" + name + " is already registered");
      }
      return this;
    }

    /** How long successful results are reused; {@link Duration#ZERO} turns caching off. */
    public Builder cacheTtl(Duration ttl) {
      if (Objects.requireNonNull(ttl, "ttl").isNegative()) {
        throw new IllegalArgumentException("ttl must not be negative, found " + ttl);
      }
      this.ttl = ttl;
      return this;
    }

    /** At most this many cached results (least recently used go first). */
    public Builder cacheMaxEntries(int maxEntries) {
      if (maxEntries < 1) {
        throw new IllegalArgumentException("maxEntries must be positive, found " + maxEntries);
      }
      this.maxEntries = maxEntries;
      return this;
    }

    /** The clock for cache expiry (tests use a fixed or mutable clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the resolver.
     *
     * @throws IllegalStateException if no method was registered
     */
    public DidResolver build() {
      if (methods.isEmpty()) {
        throw new IllegalStateException("register at least one DidMethod");
      }
      return new DidResolver(this);
    }
  }
}
