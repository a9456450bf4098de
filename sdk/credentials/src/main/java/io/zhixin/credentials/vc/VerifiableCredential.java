package io.zhixin.credentials.vc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhixin.credentials.Check;
import io.zhixin.credentials.CredentialValidationException;
import io.zhixin.credentials.internal.Credentials;
import io.zhixin.credentials.internal.DataModel;
import io.zhixin.credentials.internal.Json;
import io.zhixin.credentials.internal.StatusEntries;
import io.zhixin.credentials.status.StatusEntry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An unsecured W3C Verifiable Credential (Data Model 2.0) that satisfies the data-model rules. Immutable: it can be
 * created only through {@link #builder()} or {@link #parse(String)}, both of which validate.
 *
 * <pre>{@code
 * VerifiableCredential vc = VerifiableCredential.builder()
 *     .type("ResidenceCertificate").issuer("did:web:gaj.chancheng.gov.cn")
 *     .validFrom(now).validUntil(now.plus(365, DAYS))
 *     .subject(Map.of("id", holderDid, "address", "佛山市禅城区"))
 *     .build();
 * }</pre>
 */
public final class VerifiableCredential {

  private final ObjectNode json;

  private VerifiableCredential(ObjectNode json) {
    List<Check> violations = DataModel.validateCredential(json);
    if (!violations.isEmpty()) {
      throw new CredentialValidationException(violations);
    }
    this.json = json;
  }

  /**
   * Parses and validates credential JSON.
   *
   * @throws CredentialValidationException naming each violated rule, also for malformed JSON
   */
  public static VerifiableCredential parse(String json) {
    try {
      return new VerifiableCredential(Json.parseObject(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (Json.JsonException e) {
      throw new CredentialValidationException(List.of(Check.failed(io.zhixin.credentials.CheckCode.MALFORMED,
          "credential JSON: " + e.getMessage())));
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The issuer id. */
  public String issuer() {
    return Credentials.issuerId(json);
  }

  /** The {@code type} values. */
  public List<String> types() {
    return List.copyOf(Credentials.types(json));
  }

  /** The credential as compact JSON. */
  public String toJson() {
    return Json.write(json);
  }

  /** The credential as an unmodifiable JSON-like map. */
  public Map<String, Object> asMap() {
    return Json.toImmutableMap(json);
  }

  /** A copy of the JSON, for the securing formats in this module. */
  ObjectNode jsonCopy() {
    return json.deepCopy();
  }

  /** The credential as compact JSON bytes, without copying the tree. */
  byte[] jsonBytes() {
    return Json.writeBytes(json);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifiableCredential v && v.json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return "VerifiableCredential{issuer=" + issuer() + ", types=" + types() + "}";
  }

  /** Builds a credential; {@link #build()} validates it. Not thread-safe. */
  public static final class Builder {
    private final List<String> contexts = new ArrayList<>(List.of(DataModel.CONTEXT_V2));
    private final List<String> types = new ArrayList<>(List.of("VerifiableCredential"));
    private final ObjectNode extra = Json.object();
    private final ArrayNode subjects = Json.array();
    private final List<StatusEntry> status = new ArrayList<>();
    private JsonNode issuer;
    private String id;
    private Instant validFrom;
    private Instant validUntil;

    private Builder() {}

    /** Adds a context after the VC 2.0 base context. */
    public Builder context(String context) {
      contexts.add(Objects.requireNonNull(context, "context"));
      return this;
    }

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** Adds a type after {@code VerifiableCredential}. */
    public Builder type(String type) {
      types.add(Objects.requireNonNull(type, "type"));
      return this;
    }

    public Builder issuer(String issuerId) {
      this.issuer = Json.toNode(issuerId);
      return this;
    }

    /** An issuer object with a display name (e.g. {@code 佛山市公安局禅城分局}). */
    public Builder issuer(String issuerId, String name) {
      this.issuer = Json.object().put("id", issuerId).put("name", name);
      return this;
    }

    public Builder validFrom(Instant t) {
      this.validFrom = t;
      return this;
    }

    public Builder validUntil(Instant t) {
      this.validUntil = t;
      return this;
    }

    /** Adds a credentialSubject. */
    public Builder subject(Map<String, ?> claims) {
      subjects.add(Json.toNode(claims));
      return this;
    }

    public Builder status(StatusEntry entry) {
      status.add(Objects.requireNonNull(entry, "entry"));
      return this;
    }

    /** Sets another top-level property (name, description, credentialSchema, evidence, relatedResource, …). */
    public Builder property(String name, Object value) {
      extra.set(Objects.requireNonNull(name, "name"), Json.toNode(value));
      return this;
    }

    /**
     * Builds and validates the credential.
     *
     * @throws CredentialValidationException naming each violated data-model rule
     */
    public VerifiableCredential build() {
      ObjectNode o = Json.object();
      ArrayNode ctx = o.putArray("@context");
      contexts.forEach(ctx::add);
      if (id != null) {
        o.put("id", id);
      }
      ArrayNode t = o.putArray("type");
      types.forEach(t::add);
      if (issuer != null) {
        o.set("issuer", issuer);
      }
      if (validFrom != null) {
        o.put("validFrom", validFrom.truncatedTo(ChronoUnit.SECONDS).toString());
      }
      if (validUntil != null) {
        o.put("validUntil", validUntil.truncatedTo(ChronoUnit.SECONDS).toString());
      }
      if (subjects.size() == 1) {
        o.set("credentialSubject", subjects.get(0));
      } else if (subjects.size() > 1) {
        o.set("credentialSubject", subjects);
      }
      if (!status.isEmpty()) {
        o.set("credentialStatus", status.size() == 1 ? StatusEntries.toJson(status.get(0))
            : StatusEntries.toJson(status));
      }
      extra.fields().forEachRemaining(e -> o.set(e.getKey(), e.getValue().deepCopy()));
      return new VerifiableCredential(o);
    }
  }
}
