package io.zhixin.credentials.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhixin.credentials.sdjwt.SdArray;
import io.zhixin.credentials.sdjwt.SdObject;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes an SD-JWT payload and its disclosures (RFC 9901 section 4) straight to UTF-8 JSON text. Not thread-safe;
 * one per issuance.
 *
 * <p>No JSON tree and no intermediate strings: with a native signature an issuance costs about 19 µs, and building,
 * then serialising, a tree of the claims and of every disclosure cost a third as much again.
 */
public final class SdJwtEncoder {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  // 144 bits, over the 128 RFC 9901 asks for, and a whole number of base64 quanta: all salts encode in one call.
  private static final int SALT_BYTES = 18;
  private static final int SALT_CHARS = SALT_BYTES / 3 * 4;

  private final SaltSource saltSource;
  private final List<byte[]> disclosures = new ArrayList<>();
  private final JsonText disclosure = new JsonText(128); // reused: one disclosure is written at a time
  // Every salt of a credential is drawn in one call, base64url-encoded, and handed out in slices: a call to the
  // encoder costs as much as a salt.
  private byte[] salts;
  private int saltsLeft;

  public SdJwtEncoder(SaltSource saltSource) {
    this.saltSource = saltSource;
  }

  /** The disclosures created so far, base64url-encoded (ASCII), in creation order. */
  public List<byte[]> disclosures() {
    return disclosures;
  }

  /**
   * The payload as UTF-8: {@code head}'s members, then {@code claims} (each disclosable one as a digest in
   * {@code _sd}), then {@code tail}'s members. The caller keeps the three free of common names.
   *
   * @return the calling thread's payload buffer, valid until its next call
   */
  public JsonText payload(Map<String, ?> head, SdObject claims, Map<String, ?> tail) {
    saltsLeft = salts(claims);
    byte[] randomBytes = new byte[saltsLeft * SALT_BYTES];
    saltSource.nextBytes(randomBytes);
    salts = B64.encode(randomBytes);
    JsonText out = payloadBuffer().raw('{');
    boolean first = members(out, head, true);
    first = members(out, claims, first);
    members(out, tail, first);
    return out.raw('}');
  }

  // One payload buffer per thread, reused: the payload is the largest thing an issuance writes, and fresh memory
  // for it each time means more garbage and colder caches for the signature that follows.
  private static final ThreadLocal<JsonText> PAYLOAD = new ThreadLocal<>();
  private static final int PAYLOAD_CAPACITY = 4096;

  private static JsonText payloadBuffer() {
    JsonText buffer = PAYLOAD.get();
    if (buffer == null || buffer.array().length > 16 * PAYLOAD_CAPACITY) { // a huge credential's buffer is let go
      buffer = new JsonText(PAYLOAD_CAPACITY);
      PAYLOAD.set(buffer);
    }
    return buffer.clear();
  }

  private static boolean members(JsonText out, Map<String, ?> members, boolean first) {
    for (Map.Entry<String, ?> e : members.entrySet()) {
      (first ? out : out.raw(',')).name(e.getKey()).value(e.getValue());
      first = false;
    }
    return first;
  }

  /** Writes the members of {@code o}: plain ones as they are, then the sorted digests of the rest as {@code _sd}. */
  private boolean members(JsonText out, SdObject o, boolean first) {
    List<byte[]> digests = new ArrayList<>(o.entries().size() + o.decoys());
    for (SdObject.Entry e : o.entries()) {
      if (e.disclosable()) {
        digests.add(disclose(e.name(), e.value()));
      } else {
        value((first ? out : out.raw(',')).name(e.name()), e.value());
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
    digests.sort(SdJwtEncoder::compareDigests);
    (first ? out : out.raw(',')).raw("\"_sd\":[");
    for (int i = 0; i < digests.size(); i++) {
      (i == 0 ? out : out.raw(',')).raw('"').raw(digests.get(i)).raw('"'); // base64url: nothing to escape
    }
    out.raw(']');
    return false;
  }

  private void value(JsonText out, Object v) {
    if (v instanceof SdObject o) {
      members(out.raw('{'), o, true);
      out.raw('}');
    } else if (v instanceof SdArray a) {
      array(out, a);
    } else {
      out.value(v);
    }
  }

  private void array(JsonText out, SdArray a) {
    List<byte[]> elements = new ArrayList<>(a.elements().size() + a.decoys());
    for (SdArray.Element e : a.elements()) {
      if (e.disclosable()) {
        elements.add(ellipsis(disclose(null, e.value())));
      } else {
        JsonText element = new JsonText(64);
        value(element, e.value());
        elements.add(element.toByteArray());
      }
    }
    for (int i = 0; i < a.decoys(); i++) {
      elements.add(saltSource.nextInt(elements.size() + 1), ellipsis(decoy()));
    }
    out.raw('[');
    for (int i = 0; i < elements.size(); i++) {
      (i == 0 ? out : out.raw(',')).raw(elements.get(i));
    }
    out.raw(']');
  }

  /** {@code {"...":"digest"}}, an array element's place holder. */
  private static byte[] ellipsis(byte[] digest) {
    return new JsonText(digest.length + 12).raw("{\"...\":\"").raw(digest).raw("\"}").toByteArray();
  }

  /**
   * Creates the disclosure {@code [salt, name, value]} ({@code [salt, value]} for an array element) and returns its
   * digest.
   */
  private byte[] disclose(String name, Object value) {
    byte[] nested = null;
    if (value instanceof SdObject || value instanceof SdArray) {
      // Written first, into a buffer of its own: it may create disclosures of its own.
      JsonText text = new JsonText(256);
      value(text, value);
      nested = text.toByteArray();
    }
    int salt = salt();
    JsonText json = disclosure.clear().raw("[\"").raw(salts, salt, salt + SALT_CHARS).raw("\","); // base64url
    if (name != null) {
      json.string(name).raw(',');
    }
    if (nested != null) {
      json.raw(nested);
    } else {
      json.value(value);
    }
    json.raw(']');
    byte[] encoded = base64(json.array(), json.length());
    disclosures.add(encoded);
    return SdJwtEngine.digestBytes(encoded, 0, encoded.length);
  }

  /** base64url of {@code buf[0, length)}. */
  private static byte[] base64(byte[] buf, int length) {
    return B64.encode(ByteBuffer.wrap(buf, 0, length)).array(); // exactly the encoded bytes
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

  /** Where the next salt starts in {@code salts}; it is {@code SALT_CHARS} long. */
  private int salt() {
    return --saltsLeft * SALT_CHARS;
  }

  private byte[] decoy() {
    // A digest over a random salt: indistinguishable from a real disclosure's digest.
    int salt = salt();
    return SdJwtEngine.digestBytes(salts, salt, salt + SALT_CHARS);
  }

  /** Text order of two digests (equal-length ASCII), which differ in their first byte 63 times in 64. */
  private static int compareDigests(byte[] a, byte[] b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        return a[i] - b[i];
      }
    }
    return 0;
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
