package io.zhixin.credentials.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caches another fetcher's status list credentials for a fixed time. Failures are not cached. Thread-safe.
 *
 * <pre>{@code
 * StatusListFetcher fetcher = CachingStatusListFetcher.create(httpFetcher, Duration.ofMinutes(5), Clock.systemUTC());
 * }</pre>
 */
public final class CachingStatusListFetcher implements StatusListFetcher {

  private record Entry(String value, Instant expires) {}

  private final StatusListFetcher delegate;
  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  private CachingStatusListFetcher(StatusListFetcher delegate, Duration ttl, Clock clock) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, found " + ttl);
    }
    this.ttl = ttl;
  }

  public static CachingStatusListFetcher create(StatusListFetcher delegate, Duration ttl, Clock clock) {
    return new CachingStatusListFetcher(delegate, ttl, clock);
  }

  @Override
  public String fetch(String url) {
    Instant now = clock.instant();
    Entry e = cache.get(url);
    if (e != null && now.isBefore(e.expires)) {
      return e.value;
    }
    String v = delegate.fetch(url);
    if (v == null) {
      throw new StatusListException("no status list at " + url);
    }
    cache.put(url, new Entry(v, now.plus(ttl)));
    return v;
  }

  /** Drops every cached list, e.g. after the issuer announced a revocation. */
  public void invalidateAll() {
    cache.clear();
  }
}
