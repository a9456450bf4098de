package io.zhixin.credentials.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Small readers for W3C credential JSON that has passed {@link DataModel} validation. */
public final class Credentials {

  private Credentials() {}

  /** The issuer id: the string, or the object's {@code id}. */
  public static String issuerId(JsonNode vc) {
    JsonNode i = vc.get("issuer");
    if (i == null) {
      return "";
    }
    return i.isObject() ? i.path("id").asText("") : i.asText("");
  }

  /** The {@code type} values. */
  public static List<String> types(JsonNode o) {
    List<String> out = new ArrayList<>();
    JsonNode t = o.get("type");
    if (t == null) {
      return out;
    }
    if (t.isArray()) {
      t.forEach(e -> out.add(e.asText()));
    } else {
      out.add(t.asText());
    }
    return out;
  }

  /** The holder id of a presentation, or null. */
  public static String holderId(JsonNode vp) {
    JsonNode h = vp.get("holder");
    if (h == null) {
      return null;
    }
    return h.isObject() ? h.path("id").asText(null) : h.asText(null);
  }
}
