package io.zhixin.credentials.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The holder's view of an issued SD-JWT: which disclosure sits at which claim path, and its ancestors. No signature
 * is checked here; the holder selects what to reveal.
 */
public final class SdJwtStructure {

  /** A disclosure at a path ({@code address/locality}, {@code nationalities/1}) with its parent disclosure. */
  public record Node(String path, String disclosure, Node parent) {}

  private final String issuerJwt;
  private final List<String> disclosures;
  private final Map<String, Node> byPath = new LinkedHashMap<>();
  private final Set<String> plainPaths = new LinkedHashSet<>();

  private SdJwtStructure(String issuerJwt, List<String> disclosures) {
    this.issuerJwt = issuerJwt;
    this.disclosures = disclosures;
  }

  /**
   * Parses an issued SD-JWT ({@code <jwt>~<d1>~…~}).
   *
   * @throws IllegalArgumentException if it is not a well-formed SD-JWT
   */
  public static SdJwtStructure parse(String sdJwt) {
    if (sdJwt == null || sdJwt.length() > Json.MAX_INPUT || sdJwt.indexOf('~') < 0) {
      throw new IllegalArgumentException("not an SD-JWT (expected <jwt>~<disclosure>~...~)");
    }
    String[] parts = sdJwt.split("~", -1);
    if (!parts[parts.length - 1].isEmpty()) {
      throw new IllegalArgumentException("the SD-JWT already carries a key binding JWT; present the issued form");
    }
    List<String> ds = new ArrayList<>(List.of(parts).subList(1, parts.length - 1));
    SdJwtStructure s = new SdJwtStructure(parts[0], ds);
    Map<String, JsonNode[]> byDigest = new HashMap<>();
    Base64.Decoder dec = Base64.getUrlDecoder();
    try {
      String[] jwt = parts[0].split("\\.");
      if (jwt.length != 3) {
        throw new IllegalArgumentException("the issuer-signed JWT is not a compact JWS");
      }
      ObjectNode payload = Json.parseObject(dec.decode(jwt[1]));
      for (String d : ds) {
        JsonNode arr = Json.parse(dec.decode(d));
        if (!arr.isArray() || arr.size() < 2 || arr.size() > 3) {
          throw new IllegalArgumentException("malformed disclosure");
        }
        byDigest.put(SdJwtEngine.digest(d), new JsonNode[] {arr, Json.mapper().getNodeFactory().textNode(d)});
      }
      s.walk(payload, "", null, byDigest);
    } catch (Json.JsonException e) {
      throw new IllegalArgumentException("malformed SD-JWT: " + e.getMessage(), e);
    }
    return s;
  }

  private void walk(JsonNode v, String path, Node parent, Map<String, JsonNode[]> byDigest) {
    if (v.isObject()) {
      v.fields().forEachRemaining(e -> {
        if (!e.getKey().equals("_sd")) {
          String p = join(path, e.getKey());
          plainPaths.add(p);
          walk(e.getValue(), p, parent, byDigest);
        }
      });
      JsonNode sd = v.get("_sd");
      if (sd != null) {
        for (JsonNode dn : sd) {
          JsonNode[] d = byDigest.get(dn.asText());
          if (d != null && d[0].size() == 3) {
            Node n = new Node(join(path, d[0].get(1).asText()), d[1].textValue(), parent);
            byPath.put(n.path, n);
            walk(d[0].get(2), n.path, n, byDigest);
          }
        }
      }
    } else if (v.isArray()) {
      // Indices count the elements the issuer meant, so decoys (digests without a disclosure) are skipped.
      int i = 0;
      for (JsonNode e : v) {
        JsonNode ref = e.isObject() && e.size() == 1 ? e.get("...") : null;
        JsonNode[] d = ref == null ? null : byDigest.get(ref.asText());
        if (ref != null && d == null) {
          continue;
        }
        String p = join(path, Integer.toString(i++));
        if (d != null && d[0].size() == 2) {
          Node n = new Node(p, d[1].textValue(), parent);
          byPath.put(p, n);
          walk(d[0].get(1), p, n, byDigest);
        } else if (ref == null) {
          plainPaths.add(p);
          walk(e, p, parent, byDigest);
        }
      }
    }
  }

  private static String join(String path, String seg) {
    return path.isEmpty() ? seg : path + "/" + seg;
  }

  public String issuerJwt() {
    return issuerJwt;
  }

  /** Paths of the selectively disclosable claims, in payload order. */
  public Set<String> disclosablePaths() {
    return byPath.keySet();
  }

  /**
   * The disclosures needed to reveal {@code paths}: each path's own disclosure, every disclosure below it, and the
   * disclosures of its ancestors; in issuance order.
   *
   * @throws IllegalArgumentException for a path that names no claim
   */
  public List<String> select(Set<String> paths) {
    Set<String> chosen = new LinkedHashSet<>();
    for (String p : paths) {
      String path = p.startsWith("/") ? p.substring(1) : p;
      boolean found = plainPaths.contains(path);
      for (Node n : byPath.values()) {
        if (n.path.equals(path) || n.path.startsWith(path + "/")) {
          found = true;
          for (Node a = n; a != null; a = a.parent) {
            chosen.add(a.disclosure);
          }
        }
      }
      // A plain claim inside a disclosed object needs that object's disclosure.
      if (!found) {
        throw new IllegalArgumentException("no claim at path " + path + "; disclosable: " + byPath.keySet());
      }
      for (Node n : byPath.values()) {
        if (path.startsWith(n.path + "/")) {
          for (Node a = n; a != null; a = a.parent) {
            chosen.add(a.disclosure);
          }
        }
      }
    }
    List<String> ordered = new ArrayList<>();
    for (String d : disclosures) {
      if (chosen.contains(d)) {
        ordered.add(d);
      }
    }
    return ordered;
  }

  /** All disclosures, in issuance order. */
  public List<String> disclosures() {
    return disclosures;
  }
}
