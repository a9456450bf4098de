package io.zhixin.oid4vp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhixin.http.Http;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A Digital Credentials Query Language query (OpenID4VP 1.0 §6): credential queries and optional credential set
 * queries, each set with a {@code purpose} the wallet shows. Immutable.
 *
 * <pre>{@code
 * DcqlQuery q = DcqlQuery.builder()
 *     .credential(CredentialQuery.sdJwt("identity").vct(vct).claim("name").claim("age_over_18").build())
 *     .build();
 * }</pre>
 */
public final class DcqlQuery {
  private final List<CredentialQuery> credentials;
  private final List<CredentialSet> credentialSets;

  /**
   * A credential set query: alternatives ({@code options}) of credential query ids, whether it is required, and
   * why the verifier asks.
   */
  public record CredentialSet(List<List<String>> options, boolean required, String purpose) {
    public CredentialSet {
      options = options.stream().map(List::copyOf).toList();
      if (options.isEmpty() || options.stream().anyMatch(List::isEmpty)) {
        throw new IllegalArgumentException("a credential set needs non-empty options");
      }
    }
  }

  private DcqlQuery(List<CredentialQuery> credentials, List<CredentialSet> sets) {
    this.credentials = List.copyOf(credentials);
    this.credentialSets = List.copyOf(sets);
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<CredentialQuery> credentials() {
    return credentials;
  }

  public List<CredentialSet> credentialSets() {
    return credentialSets;
  }

  /** The credential query with this id, or null. */
  public CredentialQuery credential(String id) {
    return credentials.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
  }

  /**
   * A copy in which every credential set states {@code purpose}; a query without credential sets gets one set
   * requiring all its credentials.
   */
  public DcqlQuery withPurpose(String purpose) {
    if (credentialSets.isEmpty()) {
      return new DcqlQuery(credentials, List.of(new CredentialSet(
          List.of(credentials.stream().map(CredentialQuery::id).toList()), true, purpose)));
    }
    return new DcqlQuery(credentials, credentialSets.stream()
        .map(s -> new CredentialSet(s.options(), s.required(), s.purpose() == null ? purpose : s.purpose()))
        .toList());
  }

  /** The query as the JSON object sent as {@code dcql_query}. */
  public ObjectNode toJson() {
    ObjectNode n = Http.object();
    ArrayNode cs = n.putArray("credentials");
    for (CredentialQuery c : credentials) {
      ObjectNode o = cs.addObject().put("id", c.id()).put("format", c.format());
      ObjectNode meta = o.putObject("meta");
      if (c.format().equals(CredentialQuery.DC_SD_JWT)) {
        ArrayNode v = meta.putArray("vct_values");
        c.vctValues().forEach(v::add);
      } else {
        ArrayNode tv = meta.putArray("type_values");
        c.typeValues().forEach(opt -> {
          ArrayNode a = tv.addArray();
          opt.forEach(a::add);
        });
      }
      if (c.multiple()) {
        o.put("multiple", true);
      }
      if (!c.claims().isEmpty()) {
        ArrayNode claims = o.putArray("claims");
        for (ClaimsQuery q : c.claims()) {
          ObjectNode co = claims.addObject();
          if (q.id() != null) {
            co.put("id", q.id());
          }
          ArrayNode p = co.putArray("path");
          q.path().forEach(seg -> {
            if (seg == null) {
              p.addNull();
            } else if (seg instanceof Integer i) {
              p.add(i);
            } else {
              p.add((String) seg);
            }
          });
          if (q.values() != null) {
            co.set("values", Http.json().valueToTree(q.values()));
          }
        }
      }
      if (!c.claimSets().isEmpty()) {
        ArrayNode sets = o.putArray("claim_sets");
        c.claimSets().forEach(s -> {
          ArrayNode a = sets.addArray();
          s.forEach(a::add);
        });
      }
    }
    if (!credentialSets.isEmpty()) {
      ArrayNode sets = n.putArray("credential_sets");
      for (CredentialSet s : credentialSets) {
        ObjectNode o = sets.addObject();
        ArrayNode opts = o.putArray("options");
        s.options().forEach(opt -> {
          ArrayNode a = opts.addArray();
          opt.forEach(a::add);
        });
        if (!s.required()) {
          o.put("required", false);
        }
        if (s.purpose() != null) {
          o.put("purpose", s.purpose());
        }
      }
    }
    return n;
  }

  /**
   * Parses a DCQL query (formats {@code dc+sd-jwt} and {@code jwt_vc_json} only).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static DcqlQuery parse(String json) {
    ObjectNode n = Http.parseObject(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (n == null) {
      throw new IllegalArgumentException("a DCQL query must be a JSON object");
    }
    JsonNode cs = n.get("credentials");
    if (cs == null || !cs.isArray() || cs.isEmpty()) {
      throw new IllegalArgumentException("credentials must be a non-empty array");
    }
    Builder b = builder();
    for (JsonNode c : cs) {
      String id = c.path("id").asText(null);
      String format = c.path("format").asText("");
      CredentialQuery.Builder q = switch (format) {
        case CredentialQuery.DC_SD_JWT -> CredentialQuery.sdJwt(id);
        case CredentialQuery.JWT_VC_JSON -> CredentialQuery.w3c(id);
        default -> throw new IllegalArgumentException("unsupported format " + format);
      };
      JsonNode meta = c.path("meta");
      meta.path("vct_values").forEach(v -> q.vct(v.asText()));
      meta.path("type_values").forEach(opt -> {
        List<String> t = new ArrayList<>();
        opt.forEach(x -> t.add(x.asText()));
        q.types(t.toArray(String[]::new));
      });
      for (JsonNode cl : c.path("claims")) {
        List<Object> path = new ArrayList<>();
        for (JsonNode seg : cl.path("path")) {
          path.add(seg.isNull() ? null : seg.isInt() ? (Object) seg.asInt() : seg.isTextual() ? seg.asText()
              : badSegment(seg));
        }
        List<Object> values = null;
        if (cl.has("values")) {
          values = new ArrayList<>();
          for (JsonNode v : cl.get("values")) {
            values.add(Http.json().convertValue(v, Object.class));
          }
        }
        q.claim(ClaimsQuery.create(cl.path("id").asText(null), path, values));
      }
      for (JsonNode set : c.path("claim_sets")) {
        List<String> ids = new ArrayList<>();
        set.forEach(x -> ids.add(x.asText()));
        q.claimSet(ids.toArray(String[]::new));
      }
      q.multiple(c.path("multiple").asBoolean(false));
      try {
        b.credential(q.build());
      } catch (IllegalStateException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    for (JsonNode s : n.path("credential_sets")) {
      List<List<String>> options = new ArrayList<>();
      for (JsonNode opt : s.path("options")) {
        List<String> ids = new ArrayList<>();
        opt.forEach(x -> ids.add(x.asText()));
        options.add(ids);
      }
      JsonNode purpose = s.get("purpose");
      b.credentialSet(new CredentialSet(options, s.path("required").asBoolean(true),
          purpose == null ? null : purpose.isTextual() ? purpose.asText() : purpose.toString()));
    }
    try {
      return b.build();
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static Object badSegment(JsonNode seg) {
    throw new IllegalArgumentException("a claims path segment must be a string, a non-negative integer or null");
  }

  @Override
  public String toString() {
    return toJson().toString();
  }

  /** Builds a {@link DcqlQuery}. */
  public static final class Builder {
    private final List<CredentialQuery> credentials = new ArrayList<>();
    private final List<CredentialSet> sets = new ArrayList<>();

    private Builder() {}

    public Builder credential(CredentialQuery c) {
      credentials.add(Objects.requireNonNull(c, "c"));
      return this;
    }

    public Builder credentialSet(CredentialSet s) {
      sets.add(Objects.requireNonNull(s, "s"));
      return this;
    }

    /**
     * Builds the query.
     *
     * @throws IllegalStateException for no credentials, duplicate ids, or sets naming unknown ids
     */
    public DcqlQuery build() {
      if (credentials.isEmpty()) {
        throw new IllegalStateException("a DCQL query needs at least one credential query");
      }
      Set<String> ids = new HashSet<>();
      for (CredentialQuery c : credentials) {
        if (!ids.add(c.id())) {
          throw new IllegalStateException("duplicate credential query id " + c.id());
        }
      }
      for (CredentialSet s : sets) {
        for (List<String> opt : s.options()) {
          if (!ids.containsAll(opt)) {
            throw new IllegalStateException("credential set option " + opt + " names an unknown credential query");
          }
        }
      }
      return new DcqlQuery(credentials, sets);
    }
  }
}
