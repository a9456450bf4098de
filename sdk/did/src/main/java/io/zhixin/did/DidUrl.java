package io.zhixin.did;

import java.util.Objects;

/**
 * A DID URL: a DID with an optional path, query and fragment (DID Core 1.0 §3.2), e.g. {@code did:key:z6Mk…#z6Mk…}.
 * Immutable.
 */
public final class DidUrl {
  private final Did did;
  private final String path;
  private final String query;
  private final String fragment;

  private DidUrl(Did did, String path, String query, String fragment) {
    this.did = did;
    this.path = path;
    this.query = query;
    this.fragment = fragment;
  }

  /**
   * Parses a DID URL.
   *
   * @throws IllegalArgumentException if the DID part is invalid or the whole is longer than {@link Did#MAX_LENGTH}
   */
  public static DidUrl parse(String didUrl) {
    Objects.requireNonNull(didUrl, "didUrl");
    if (didUrl.length() > Did.MAX_LENGTH) {
      throw new IllegalArgumentException("DID URL too long: at most " + Did.MAX_LENGTH + " characters, found "
          + didUrl.length());
    }
    String rest = didUrl;
    String fragment = null;
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      fragment = rest.substring(hash + 1);
      rest = rest.substring(0, hash);
    }
    String query = null;
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    String path = null;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      path = rest.substring(slash);
      rest = rest.substring(0, slash);
    }
    if (fragment != null && fragment.isEmpty()) {
      throw new IllegalArgumentException("empty fragment in DID URL '" + Did.abbreviate(didUrl) + "'");
    }
    return new DidUrl(Did.parse(rest), path, query, fragment);
  }

  /** The DID. */
  public Did did() {
    return did;
  }

  /** The path starting with {@code /}, or null. */
  public String path() {
    return path;
  }

  /** The query without {@code ?}, or null. */
  public String query() {
    return query;
  }

  /** The fragment without {@code #}, or null. */
  public String fragment() {
    return fragment;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DidUrl && toString().equals(o.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  @Override
  public String toString() {
    return did + (path == null ? "" : path) + (query == null ? "" : "?" + query)
        + (fragment == null ? "" : "#" + fragment);
  }
}
