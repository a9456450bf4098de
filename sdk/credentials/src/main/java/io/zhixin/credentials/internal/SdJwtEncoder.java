package io.zhixin.credentials.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhixin.credentials.sdjwt.SdArray;
import io.zhixin.credentials.sdjwt.SdObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes an SD-JWT payload and its disclosures (RFC 9901 section 4) straight to JSON text. Not thread-safe; one
 * per issuance.
 *
 * <p>No JSON tree is built: with a native signature an issuance costs about 19 µs, and building, then
 * serialising, a tree of the claims and of every disclosure cost a third as much again.
 */
public final class SdJwtEncoder {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final int SALT_BYTES = 16;

  private final SecureRandom random;
  private final List<String> disclosures = new ArrayList<>();
  // Every salt of a credential is drawn in one call: a call to the random source costs as much as a salt.
  private byte[] salts;
  private int saltsLeft;

  public SdJwtEncoder(SecureRandom random) {
    this.random = random;
  }

  /** The disclosures created so far, in creation order. */
  public List<String> disclosures() {
    return disclosures;
  }

  /**
   * The payload: {@code head}'s members, then {@code claims} (each disclosable one as a digest in {@code _sd}), then
   * {@code tail}'s members. The caller keeps the three free of common names.
   */
  public byte[] payload(ObjectNode head, SdObject claims, ObjectNode tail) {
    saltsLeft = salts(claims);
    salts = new byte[saltsLeft * SALT_BYTES];
    random.nextBytes(salts);
    StringBuilder out = new StringBuilder(2048).append('{');
    boolean first = members(out, head, true);
    first = members(out, claims, first);
    members(out, tail, first);
    return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static boolean members(StringBuilder out, ObjectNode o, boolean first) {
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); first = false) {
      Map.Entry<String, JsonNode> e = it.next();
      Json.appendString(first ? out : out.append(','), e.getKey()).append(':');
      Json.append(out, e.getValue());
    }
    return first;
  }

  /** Writes the members of {@code o}: plain ones as they are, then the sorted digests of the rest as {@code _sd}. */
  private boolean members(StringBuilder out, SdObject o, boolean first) {
    List<String> digests = new ArrayList<>(o.entries().size() + o.decoys());
    for (SdObject.Entry e : o.entries()) {
      if (e.disclosable()) {
        digests.add(disclose(e.name(), e.value()));
      } else {
        Json.appendString(first ? out : out.append(','), e.name()).append(':');
        value(out, e.value());
        first = false;
      }
    }
    for (int i = 0; i < o.decoys(); i++) {
      digests.add(decoy());
    }
    if (digests.isEmpty()) {
      return first;
    }
    // Sorted, so the order of digests reveals nothing about the order of claims.
    digests.sort(null);
    out.append(first ? "" : ",").append("\"_sd\":[");
    for (int i = 0; i < digests.size(); i++) {
      out.append(i == 0 ? "\"" : ",\"").append(digests.get(i)).append('"'); // base64url: nothing to escape
    }
    out.append(']');
    return false;
  }

  private void value(StringBuilder out, Object v) {
    if (v instanceof SdObject o) {
      members(out.append('{'), o, true);
      out.append('}');
    } else if (v instanceof SdArray a) {
      array(out, a);
    } else {
      Json.append(out, v);
    }
  }

  private void array(StringBuilder out, SdArray a) {
    List<String> elements = new ArrayList<>(a.elements().size() + a.decoys());
    for (SdArray.Element e : a.elements()) {
      if (e.disclosable()) {
        elements.add("{\"...\":\"" + disclose(null, e.value()) + "\"}");
      } else {
        StringBuilder element = new StringBuilder();
        value(element, e.value());
        elements.add(element.toString());
      }
    }
    for (int i = 0; i < a.decoys(); i++) {
      elements.add(random.nextInt(elements.size() + 1), "{\"...\":\"" + decoy() + "\"}");
    }
    out.append('[').append(String.join(",", elements)).append(']');
  }

  /**
   * Creates the disclosure {@code [salt, name, value]} ({@code [salt, value]} for an array element) and returns its
   * digest.
   */
  private String disclose(String name, Object value) {
    String nested = null;
    if (value instanceof SdObject || value instanceof SdArray) {
      // Written first: it may create disclosures of its own.
      StringBuilder sb = new StringBuilder();
      value(sb, value);
      nested = sb.toString();
    }
    // A new builder each time: one that once held a non-Latin-1 character stays twice as wide.
    StringBuilder json = new StringBuilder(96).append("[\"").append(salt()).append("\","); // base64url salt
    if (name != null) {
      Json.appendString(json, name).append(',');
    }
    if (nested != null) {
      json.append(nested);
    } else {
      Json.append(json, value);
    }
    byte[] encoded = B64.encode(json.append(']').toString().getBytes(StandardCharsets.UTF_8));
    disclosures.add(new String(encoded, StandardCharsets.US_ASCII));
    return SdJwtEngine.digest(encoded, 0, encoded.length);
  }

  /** How many salts encoding {@code v} takes: one per disclosure and per decoy. */
  private static int salts(Object v) {
    int n = 0;
    if (v instanceof SdObject o) {
      n = o.decoys();
      for (SdObject.Entry e : o.entries()) {
        n += (e.disclosable() ? 1 : 0) + salts(e.value());
      }
    } else if (v instanceof SdArray a) {
      n = a.decoys();
      for (SdArray.Element e : a.elements()) {
        n += (e.disclosable() ? 1 : 0) + salts(e.value());
      }
    }
    return n;
  }

  /** The next salt, base64url-encoded. */
  private String salt() {
    saltsLeft--;
    return B64.encodeToString(Arrays.copyOfRange(salts, saltsLeft * SALT_BYTES, (saltsLeft + 1) * SALT_BYTES));
  }

  private String decoy() {
    // A digest over a random salt: indistinguishable from a real disclosure's digest.
    return SdJwtEngine.digest(salt());
  }

  /** The claims as plain JSON, every value visible: what a holder disclosing everything would show. */
  public static ObjectNode plain(SdObject o) {
    ObjectNode out = Json.object();
    for (SdObject.Entry e : o.entries()) {
      out.set(e.name(), plainValue(e.value()));
    }
    return out;
  }

  private static JsonNode plainValue(Object v) {
    if (v instanceof SdObject so) {
      return plain(so);
    }
    if (v instanceof SdArray sa) {
      ArrayNode a = Json.array();
      sa.elements().forEach(e -> a.add(plainValue(e.value())));
      return a;
    }
    return Json.toNode(v);
  }
}
