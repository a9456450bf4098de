package io.zhixin.credentials.status;

/**
 * Fetches a status list credential (a {@code vc+jwt}) by URL. Pluggable so that verifiers choose HTTP, a file, a
 * chain anchor or a test map; wrap one in {@link CachingStatusListFetcher} to cache. Must be thread-safe.
 */
@FunctionalInterface
public interface StatusListFetcher {

  /**
   * Returns the compact {@code vc+jwt} status list credential at {@code url}.
   *
   * @throws StatusListException when it cannot be fetched; verifiers report this as the {@code status} check
   */
  String fetch(String url);
}
