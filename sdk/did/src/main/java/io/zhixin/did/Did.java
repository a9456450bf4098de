package io.zhixin.did;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A syntactically valid DID ({@code did:method:method-specific-id}, DID Core 1.0 §3.1). Immutable.
 *
 * <p>Only syntax is checked here; whether the method-specific id is meaningful is up to the method.
 */
public final class Did {
  /** DIDs longer than this are refused by {@link #parse(String)} (and by resolvers) as a denial-of-service guard. */
  public static final int MAX_LENGTH = 2048;

  // DID Core ABNF: method-name = 1*method-char (%x61-7A / DIGIT); idchar = ALPHA / DIGIT / "." / "-" / "_" / pct-encoded;
  // method-specific-id = *( *idchar ":" ) 1*idchar
  private static final Pattern SYNTAX = Pattern.compile(
      "did:([a-z0-9]+):((?:(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})*:)*(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})+)");

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
    var m = SYNTAX.matcher(did);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a DID: expected did:<method>:<method-specific-id> with lowercase method "
          + "and characters A-Z a-z 0-9 . - _ : %XX, found '" + abbreviate(did) + "'");
    }
    return new Did(m.group(1), m.group(2));
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
