package io.zhixin.vcapi;

import io.zhixin.credentials.sdjwt.SdArray;
import io.zhixin.credentials.sdjwt.SdObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns plain JSON claims into {@link SdObject} claims for SD-JWT issuance, making the claims at the given paths
 * selectively disclosable. Stateless.
 *
 * <p>A path is a JSON pointer ({@code /address/locality}, {@code /nationalities/0}, RFC 6901 escapes {@code ~0}
 * and {@code ~1}) or a slash-separated claim path without the leading slash ({@code name},
 * {@code address/locality}). Every path must name a claim that exists, so a typo never issues a claim that was
 * meant to be hidden as always visible.
 *
 * <pre>{@code
 * SdObject claims = SdClaims.of(Map.of("name", "张三", "age_over_18", true), List.of("name", "age_over_18"), 2);
 * }</pre>
 */
public final class SdClaims {

  private SdClaims() {}

  /**
   * Builds the claims.
   *
   * @param claims JSON-like values ({@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean},
   *     {@code null})
   * @param paths the claims to make selectively disclosable
   * @param decoys decoy digests at the top level, 0..100
   * @throws IllegalArgumentException for a malformed path, a path naming no claim, or a reserved SD-JWT claim name
   */
  public static SdObject of(Map<String, ?> claims, Collection<String> paths, int decoys) {
    Objects.requireNonNull(claims, "claims");
    Set<List<String>> wanted = new LinkedHashSet<>();
    for (String p : paths) {
      wanted.add(parse(p));
    }
    Set<List<String>> used = new HashSet<>();
    SdObject o = object(claims, List.of(), wanted, used, decoys);
    List<String> unmatched = wanted.stream().filter(p -> !used.contains(p)).map(SdClaims::pointer)
        .collect(Collectors.toList());
    if (!unmatched.isEmpty()) {
      throw new IllegalArgumentException("no claim at " + String.join(", ", unmatched)
          + " to make selectively disclosable");
    }
    return o;
  }

  /** Parses a JSON pointer or slash-separated claim path into its segments. */
  static List<String> parse(String path) {
    Objects.requireNonNull(path, "path");
    boolean pointer = path.startsWith("/");
    String body = pointer ? path.substring(1) : path;
    if (body.isEmpty()) {
      throw new IllegalArgumentException("a disclosable path must name a claim, found '" + path + "'");
    }
    List<String> out = new ArrayList<>();
    for (String seg : body.split("/", -1)) {
      if (seg.isEmpty()) {
        throw new IllegalArgumentException("empty segment in the disclosable path '" + path + "'");
      }
      out.add(pointer ? seg.replace("~1", "/").replace("~0", "~") : seg);
    }
    return List.copyOf(out);
  }

  private static String pointer(List<String> segments) {
    StringBuilder sb = new StringBuilder();
    segments.forEach(s -> sb.append('/').append(s.replace("~", "~0").replace("/", "~1")));
    return sb.toString();
  }

  private static SdObject object(Map<?, ?> m, List<String> at, Set<List<String>> wanted, Set<List<String>> used,
      int decoys) {
    SdObject.Builder b = SdObject.builder();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String name = String.valueOf(e.getKey());
      List<String> p = append(at, name);
      Object v = value(e.getValue(), p, wanted, used);
      if (wanted.contains(p)) {
        used.add(p);
        b.disclosable(name, v);
      } else {
        b.plain(name, v);
      }
    }
    if (decoys > 0) {
      b.decoys(decoys);
    }
    return b.build();
  }

  private static Object value(Object v, List<String> p, Set<List<String>> wanted, Set<List<String>> used) {
    boolean below = wanted.stream().anyMatch(w -> w.size() > p.size() && w.subList(0, p.size()).equals(p));
    if (!below) {
      return v;
    }
    if (v instanceof Map<?, ?> m) {
      return object(m, p, wanted, used, 0);
    }
    if (v instanceof List<?> list) {
      SdArray.Builder a = SdArray.builder();
      for (int i = 0; i < list.size(); i++) {
        List<String> q = append(p, Integer.toString(i));
        Object ev = value(list.get(i), q, wanted, used);
        if (wanted.contains(q)) {
          used.add(q);
          a.disclosable(ev);
        } else {
          a.plain(ev);
        }
      }
      return a.build();
    }
    return v; // a path below a scalar stays unmatched and is reported
  }

  private static List<String> append(List<String> p, String s) {
    List<String> out = new ArrayList<>(p.size() + 1);
    out.addAll(p);
    out.add(s);
    return List.copyOf(out);
  }
}
