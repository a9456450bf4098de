package io.zhixin.oid4vp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One claim a DCQL credential query asks for (OpenID4VP 1.0 §6.3): a claims path pointer (§7) of strings (object
 * members), non-negative integers (array elements) and nulls (every array element), optional {@code values} the
 * claim must equal, and an optional {@code id} for {@code claim_sets}. Immutable.
 */
public final class ClaimsQuery {
  private final String id;
  private final List<Object> path;
  private final List<Object> values;

  private ClaimsQuery(String id, List<Object> path, List<Object> values) {
    if (path == null || path.isEmpty()) {
      throw new IllegalArgumentException("a claims path must not be empty");
    }
    for (Object seg : path) {
      boolean ok = seg == null || seg instanceof String
          || (seg instanceof Integer i && i >= 0) || (seg instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE);
      if (!ok) {
        throw new IllegalArgumentException("a claims path holds strings, non-negative integers and null; found "
            + seg);
      }
    }
    List<Object> p = new ArrayList<>();
    path.forEach(s -> p.add(s instanceof Long l ? Integer.valueOf(l.intValue()) : s));
    this.id = id;
    this.path = Collections.unmodifiableList(p);
    this.values = values == null ? null : List.copyOf(values);
  }

  /** A claim at {@code path}, e.g. {@code of("address", "locality")}. */
  public static ClaimsQuery of(Object... path) {
    return new ClaimsQuery(null, java.util.Arrays.asList(path), null);
  }

  /** A claim at a slash-separated path ({@code address/locality}; {@code *} for every array element). */
  public static ClaimsQuery parsePath(String slashPath) {
    List<Object> p = new ArrayList<>();
    for (String seg : Objects.requireNonNull(slashPath, "slashPath").split("/")) {
      if (seg.equals("*")) {
        p.add(null);
      } else if (seg.matches("[0-9]{1,9}")) {
        p.add(Integer.valueOf(seg));
      } else {
        p.add(seg);
      }
    }
    return new ClaimsQuery(null, p, null);
  }

  /** Creates one from its parts; {@code values} may be null. */
  public static ClaimsQuery create(String id, List<Object> path, List<Object> values) {
    return new ClaimsQuery(id, path, values);
  }

  /** A copy with an id (for {@code claim_sets}). */
  public ClaimsQuery withId(String id) {
    return new ClaimsQuery(Objects.requireNonNull(id, "id"), path, values);
  }

  /** A copy that only accepts these values. */
  public ClaimsQuery withValues(Object... values) {
    return new ClaimsQuery(id, path, List.of(values));
  }

  public String id() {
    return id;
  }

  public List<Object> path() {
    return path;
  }

  /** The accepted values, or null for any. */
  public List<Object> values() {
    return values;
  }

  /** The path slash-separated, {@code *} for null: {@code address/locality}. */
  public String slashPath() {
    StringBuilder sb = new StringBuilder();
    for (Object s : path) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(s == null ? "*" : s.toString());
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClaimsQuery c && Objects.equals(id, c.id) && path.equals(c.path)
        && Objects.equals(values, c.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, path, values);
  }

  @Override
  public String toString() {
    return slashPath();
  }
}
