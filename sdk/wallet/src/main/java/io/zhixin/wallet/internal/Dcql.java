package io.zhixin.wallet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The holder's reading of a DCQL query (OpenID4VP 1.0 §6). Not part of the API. */
public final class Dcql {
  private Dcql() {}

  /** A claims query: its id (or null) and path (strings, integers, null for any element). */
  public record Claim(String id, List<Object> path) {
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
  }

  /** A credential query. */
  public record Query(String id, String format, List<String> vctValues, List<List<String>> typeValues,
      List<Claim> claims, List<List<String>> claimSets, boolean multiple) {}

  /** A credential set query. */
  public record Set(List<List<String>> options, boolean required, String purpose) {}

  /** A parsed query. */
  public record Parsed(List<Query> queries, List<Set> sets) {}

  /**
   * Parses {@code dcql_query}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Parsed parse(JsonNode n) {
    if (n == null || !n.isObject() || !n.path("credentials").isArray() || n.path("credentials").isEmpty()) {
      throw new IllegalArgumentException("dcql_query must be an object with a non-empty credentials array");
    }
    List<Query> qs = new ArrayList<>();
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (JsonNode c : n.get("credentials")) {
      String id = c.path("id").asText("");
      if (!id.matches("[A-Za-z0-9_-]{1,64}") || !ids.add(id)) {
        throw new IllegalArgumentException("credential query id missing, malformed or duplicate: " + id);
      }
      List<String> vct = new ArrayList<>();
      c.path("meta").path("vct_values").forEach(v -> vct.add(v.asText()));
      List<List<String>> types = new ArrayList<>();
      c.path("meta").path("type_values").forEach(opt -> {
        List<String> t = new ArrayList<>();
        opt.forEach(x -> t.add(x.asText()));
        types.add(t);
      });
      List<Claim> claims = new ArrayList<>();
      for (JsonNode cl : c.path("claims")) {
        List<Object> path = new ArrayList<>();
        for (JsonNode seg : cl.path("path")) {
          if (seg.isNull()) {
            path.add(null);
          } else if (seg.isInt() && seg.asInt() >= 0) {
            path.add(seg.asInt());
          } else if (seg.isTextual()) {
            path.add(seg.asText());
          } else {
            throw new IllegalArgumentException("bad claims path segment in " + id);
          }
        }
        if (path.isEmpty()) {
          throw new IllegalArgumentException("empty claims path in " + id);
        }
        claims.add(new Claim(cl.path("id").asText(null), path));
      }
      List<List<String>> claimSets = new ArrayList<>();
      c.path("claim_sets").forEach(s -> {
        List<String> l = new ArrayList<>();
        s.forEach(x -> l.add(x.asText()));
        claimSets.add(l);
      });
      qs.add(new Query(id, c.path("format").asText(""), vct, types, claims, claimSets,
          c.path("multiple").asBoolean(false)));
    }
    List<Set> sets = new ArrayList<>();
    for (JsonNode s : n.path("credential_sets")) {
      List<List<String>> options = new ArrayList<>();
      s.path("options").forEach(o -> {
        List<String> l = new ArrayList<>();
        o.forEach(x -> l.add(x.asText()));
        options.add(l);
      });
      JsonNode p = s.get("purpose");
      sets.add(new Set(options, s.path("required").asBoolean(true),
          p == null ? null : p.isTextual() ? p.asText() : p.toString()));
    }
    return new Parsed(qs, sets);
  }

  /** Whether a concrete slash path matches a claims path pattern exactly. */
  public static boolean matches(String concrete, List<Object> pattern) {
    String[] segs = concrete.split("/");
    if (segs.length != pattern.size()) {
      return false;
    }
    for (int i = 0; i < segs.length; i++) {
      Object p = pattern.get(i);
      if (p != null && !p.toString().equals(segs[i])) {
        return false;
      }
      if (p == null && !segs[i].matches("[0-9]+")) {
        return false;
      }
    }
    return true;
  }
}
