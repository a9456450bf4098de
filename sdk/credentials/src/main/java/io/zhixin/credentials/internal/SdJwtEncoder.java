package io.zhixin.credentials.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhixin.credentials.sdjwt.SdArray;
import io.zhixin.credentials.sdjwt.SdObject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/** Turns {@link SdObject} claims into an SD-JWT payload and disclosures (RFC 9901 section 4). Not thread-safe. */
public final class SdJwtEncoder {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random;
  private final List<String> disclosures = new ArrayList<>();

  public SdJwtEncoder(SecureRandom random) {
    this.random = random;
  }

  /** The disclosures created so far, in creation order. */
  public List<String> disclosures() {
    return disclosures;
  }

  public ObjectNode encode(SdObject o) {
    ObjectNode out = Json.object();
    List<String> digests = new ArrayList<>();
    for (SdObject.Entry e : o.entries()) {
      JsonNode v = value(e.value());
      if (e.disclosable()) {
        ArrayNode d = Json.array().add(salt()).add(e.name());
        d.add(v);
        digests.add(disclose(d));
      } else {
        out.set(e.name(), v);
      }
    }
    for (int i = 0; i < o.decoys(); i++) {
      digests.add(decoy());
    }
    if (!digests.isEmpty()) {
      // Sorted, so the order of digests reveals nothing about the order of claims.
      Collections.sort(digests);
      ArrayNode sd = out.putArray("_sd");
      digests.forEach(sd::add);
    }
    return out;
  }

  private ArrayNode encode(SdArray a) {
    List<JsonNode> out = new ArrayList<>();
    for (SdArray.Element e : a.elements()) {
      JsonNode v = value(e.value());
      if (e.disclosable()) {
        ArrayNode d = Json.array().add(salt());
        d.add(v);
        out.add(Json.object().put("...", disclose(d)));
      } else {
        out.add(v);
      }
    }
    for (int i = 0; i < a.decoys(); i++) {
      out.add(random.nextInt(out.size() + 1), Json.object().put("...", decoy()));
    }
    ArrayNode arr = Json.array();
    out.forEach(arr::add);
    return arr;
  }

  private JsonNode value(Object v) {
    if (v instanceof SdObject so) {
      return encode(so);
    }
    if (v instanceof SdArray sa) {
      return encode(sa);
    }
    return v == null ? Json.mapper().nullNode() : Json.toNode(v);
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
    return v == null ? Json.mapper().nullNode() : Json.toNode(v);
  }

  private String disclose(ArrayNode disclosure) {
    String enc = B64.encodeToString(Json.writeBytes(disclosure));
    disclosures.add(enc);
    return SdJwtEngine.digest(enc);
  }

  private String salt() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return B64.encodeToString(b);
  }

  private String decoy() {
    // A digest over a random salt: indistinguishable from a real disclosure's digest.
    return SdJwtEngine.digest(salt());
  }
}
