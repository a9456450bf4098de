package io.zhixin.did;

import java.util.Objects;

/**
 * A syntactically valid DID ({@code did:method:method-specific-id}, DID Core 1.0 §3.1). Immutable.
 *
 * <p>Only syntax is checked here; whether the method-specific id is meaningful is up to the method.
 */
public final class Did {
  /** DIDs longer than this are refused by {@link #parse(String)} (and by resolvers) as a denial-of-service guard. */
  public static final int MAX_LENGTH = 2048;

  private final String method;
  private final String methodSpecificId;

  private Did(String method, String methodSpecificId) {
    this.method = method;
    this.methodSpecificId = methodSpecificId;
  }

  /**
   * Parses a DID.
   *
   * @throws IllegalArgumentException if {@code did} is not a DID (with a message saying why) or is longer than
   *     {@link #MAX_LENGTH}
   */
  public static Did parse(String did) {
    Objects.requireNonNull(did, "did");
    if (did.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("DID too long: at most " + MAX_LENGTH + " characters, found " + did.length());
    }
    int colon = did.indexOf(':', 4);
    if (!did.startsWith("did:") || colon < 5 || !isMethodName(did, 4, colon) || !isMethodSpecificId(did, colon + 1)) {
      throw new IllegalArgumentException("not a DID: expected did:<method>:<method-specific-id> with lowercase method "
          + "and characters A-Z a-z 0-9 . - _ : %XX, found '" + abbreviate(did) + "'");
    }
    return new Did(did.substring(4, colon), did.substring(colon + 1));
  }

  // A linear scan rather than a regex: java.util.regex recurses per repetition of an alternation and overflows the
  // stack on long input. DID Core ABNF: method-name = 1*(%x61-7A / DIGIT).
  private static boolean isMethodName(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  // method-specific-id = *( *idchar ":" ) 1*idchar; idchar = ALPHA / DIGIT / "." / "-" / "_" / pct-encoded.
  private static boolean isMethodSpecificId(String s, int from) {
    int n = s.length();
    if (from >= n || s.charAt(n - 1) == ':') {
      return false;
    }
    for (int i = from; i < n; i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= n || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
          return false;
        }
        i += 2;
      } else if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
          || c == '.' || c == '-' || c == '_' || c == ':')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  /** A DID from its parts; same checks as {@link #parse(String)}. */
  public static Did of(String method, String methodSpecificId) {
    return parse("did:" + method + ":" + methodSpecificId);
  }

  /** The method name, e.g. {@code key}. */
  public String method() {
    return method;
  }

  /** The part after the method name. */
  public String methodSpecificId() {
    return methodSpecificId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Did && ((Did) o).method.equals(method) && ((Did) o).methodSpecificId.equals(methodSpecificId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, methodSpecificId);
  }

  /** The DID string. */
  @Override
  public String toString() {
    return "did:" + method + ":" + methodSpecificId;
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
