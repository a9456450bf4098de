package io.zhixin.credentials.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhixin.credentials.CheckCode;
import io.zhixin.credentials.status.StatusEntry;
import io.zhixin.credentials.status.StatusPurpose;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@link StatusEntry} values in W3C and SD-JWT VC credentials. */
public final class StatusEntries {

  public static final String ENTRY_TYPE = "BitstringStatusListEntry";
  /** Member of the SD-JWT VC {@code status} claim that holds W3C Bitstring Status List entries. */
  public static final String SD_JWT_MEMBER = "bitstring_status_list";

  private StatusEntries() {}

  /** The W3C form: {@code {id?, type, statusPurpose, statusListIndex, statusListCredential}}. */
  public static ObjectNode toJson(StatusEntry e) {
    ObjectNode o = Json.object();
    o.put("id", e.listCredential() + "#" + e.index());
    o.put("type", ENTRY_TYPE);
    o.put("statusPurpose", e.purpose().value());
    o.put("statusListIndex", Long.toString(e.index()));
    o.put("statusListCredential", e.listCredential());
    return o;
  }

  public static ArrayNode toJson(List<StatusEntry> es) {
    ArrayNode a = Json.array();
    es.forEach(e -> a.add(toJson(e)));
    return a;
  }

  /** Entries of an SD-JWT VC's {@code status.bitstring_status_list}; null after a failed check. */
  public static List<StatusEntry> fromSdJwt(ObjectNode claims, Checks checks) {
    JsonNode status = claims.get("status");
    if (status == null) {
      return List.of();
    }
    JsonNode list = status.get(SD_JWT_MEMBER);
    if (list == null) {
      if (status.has("status_list")) {
        checks.fail(CheckCode.STATUS, "IETF token status lists are not supported; use " + SD_JWT_MEMBER);
        return null;
      }
      return List.of();
    }
    return parse(list, "status." + SD_JWT_MEMBER, checks);
  }

  /** Entries of a W3C credential's {@code credentialStatus} of type BitstringStatusListEntry. */
  public static List<StatusEntry> fromVc(ObjectNode vc, Checks checks) {
    JsonNode cs = vc.get("credentialStatus");
    return cs == null ? List.of() : parse(cs, "credentialStatus", checks);
  }

  private static List<StatusEntry> parse(JsonNode node, String where, Checks checks) {
    List<StatusEntry> out = new ArrayList<>();
    for (JsonNode e : node.isArray() ? node : List.of(node)) {
      JsonNode type = e.get("type");
      if (type == null || !ENTRY_TYPE.equals(type.asText())) {
        // Other status mechanisms are not understood: refusing is the only safe answer.
        checks.fail(CheckCode.STATUS, where + " entry of type " + type + " is not supported; expected "
            + ENTRY_TYPE);
        return null;
      }
      try {
        long index = Long.parseLong(e.path("statusListIndex").asText(""));
        out.add(StatusEntry.of(StatusPurpose.parse(e.path("statusPurpose").asText("")), index,
            e.path("statusListCredential").asText("")));
      } catch (IllegalArgumentException ex) {
        checks.fail(CheckCode.STATUS, where + ": " + ex.getMessage());
        return null;
      }
    }
    return out;
  }
}
