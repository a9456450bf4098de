package io.zhixin.did;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhixin.did.internal.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A DID document (DID Core 1.0 §4-5) in its JSON-LD representation, with typed views of its verification methods
 * and relationships. Immutable and thread-safe.
 *
 * <p>Built with {@link #builder(Did)} or read with {@link #parse(String)}, which checks the structure and every
 * public key. Members this class does not model (services, extensions) are kept as they are in {@link #toJson()}.
 */
public final class DidDocument {
  /** The DID Core v1 JSON-LD context. */
  public static final String DID_CONTEXT = "https://www.w3.org/ns/did/v1";
  /** The Multikey JSON-LD context. */
  public static final String MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1";
  /** The JsonWebKey JSON-LD context. */
  public static final String JWK_CONTEXT = "https://w3id.org/security/jwk/v1";

  private final ObjectNode json;
  private final Did id;
  private final List<VerificationMethod> methods;
  private final Map<VerificationRelationship, List<String>> relationships;

  private DidDocument(ObjectNode json, Did id, List<VerificationMethod> methods,
      Map<VerificationRelationship, List<String>> relationships) {
    this.json = json;
    this.id = id;
    this.methods = methods;
    this.relationships = relationships;
  }

  /** A builder for the document of {@code id}. */
  public static Builder builder(Did id) {
    return new Builder(Objects.requireNonNull(id, "id"));
  }

  /**
   * Reads a DID document from JSON.
   *
   * @throws DidResolutionException {@code invalidDidDocument} for malformed structure, {@code invalidPublicKey…}
   *     for a bad key
   */
  public static DidDocument parse(String json) {
    ObjectNode node = Json.parseObject(Objects.requireNonNull(json, "json"));
    if (node == null) {
      throw new DidResolutionException(ResolutionError.INVALID_DID_DOCUMENT, "not a JSON object");
    }
    return fromJson(node);
  }

  private static DidDocument fromJson(ObjectNode node) {
    JsonNode idNode = node.get("id");
    Did id;
    try {
      id = Did.parse(idNode != null && idNode.isTextual() ? idNode.asText() : "");
    } catch (IllegalArgumentException e) {
      throw new DidResolutionException(ResolutionError.INVALID_DID_DOCUMENT, "document id: " + e.getMessage());
    }
    String base = id.toString();
    Map<String, VerificationMethod> byId = new LinkedHashMap<>();
    for (JsonNode vm : array(node, "verificationMethod")) {
      add(byId, VerificationMethod.fromJson(vm, base));
    }
    Map<VerificationRelationship, List<String>> rels = new EnumMap<>(VerificationRelationship.class);
    for (VerificationRelationship r : VerificationRelationship.values()) {
      List<String> refs = new ArrayList<>();
      for (JsonNode entry : array(node, r.property())) {
        if (entry.isTextual()) {
          refs.add(VerificationMethod.absolute(entry.asText(), base));
        } else {
          VerificationMethod embedded = VerificationMethod.fromJson(entry, base);
          add(byId, embedded);
          refs.add(embedded.id());
        }
      }
      rels.put(r, List.copyOf(refs));
    }
    return new DidDocument(node.deepCopy(), id, List.copyOf(byId.values()), Collections.unmodifiableMap(rels));
  }

  private static void add(Map<String, VerificationMethod> byId, VerificationMethod vm) {
    if (byId.putIfAbsent(vm.id(), vm) != null) {
      throw new DidResolutionException(ResolutionError.INVALID_DID_DOCUMENT, "duplicate verification method id " + vm.id());
    }
  }

  private static Iterable<JsonNode> array(ObjectNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new DidResolutionException(ResolutionError.INVALID_DID_DOCUMENT, field + " must be an array");
    }
    return v;
  }

  /** The DID this document describes. */
  public Did id() {
    return id;
  }

  /** All verification methods, including those embedded in relationships. */
  public List<VerificationMethod> verificationMethods() {
    return methods;
  }

  /** The verification methods of this document listed under {@code relationship}. */
  public List<VerificationMethod> verificationMethods(VerificationRelationship relationship) {
    List<VerificationMethod> out = new ArrayList<>();
    for (String ref : relationships.get(relationship)) {
      verificationMethod(ref).ifPresent(out::add);
    }
    return out;
  }

  /** The ids listed under {@code relationship} (absolute; may point into other documents). */
  public List<String> references(VerificationRelationship relationship) {
    return relationships.get(relationship);
  }

  /** The verification method with this id: absolute ({@code did…#key-1}) or a fragment ({@code #key-1}). */
  public Optional<VerificationMethod> verificationMethod(String idOrFragment) {
    String abs = VerificationMethod.absolute(idOrFragment, id.toString());
    return methods.stream().filter(m -> m.id().equals(abs)).findFirst();
  }

  /** The relationships that list the method {@code id}. */
  public Set<VerificationRelationship> relationshipsOf(String methodId) {
    String abs = VerificationMethod.absolute(methodId, id.toString());
    Set<VerificationRelationship> out = EnumSet.noneOf(VerificationRelationship.class);
    relationships.forEach((r, refs) -> {
      if (refs.contains(abs)) {
        out.add(r);
      }
    });
    return out;
  }

  /** The document as compact JSON. */
  public String toJson() {
    return Json.write(json);
  }

  /** The document as indented JSON (for {@code did.json} files and people). */
  public String toPrettyJson() {
    return Json.writePretty(json);
  }

  ObjectNode json() {
    return json.deepCopy();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DidDocument && ((DidDocument) o).json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return "DidDocument{" + id + ", methods=" + methods.size() + "}";
  }

  /** Builds a {@link DidDocument}. Not thread-safe. */
  public static final class Builder {
    private final Did id;
    private final List<String> contexts = new ArrayList<>(List.of(DID_CONTEXT));
    private final List<String> controllers = new ArrayList<>();
    private final List<String> alsoKnownAs = new ArrayList<>();
    private final List<VerificationMethod> methods = new ArrayList<>();
    private final Map<VerificationRelationship, List<String>> rels = new EnumMap<>(VerificationRelationship.class);
    private final List<ObjectNode> services = new ArrayList<>();

    private Builder(Did id) {
      this.id = id;
    }

    /** Adds a JSON-LD context after the DID Core one (duplicates are ignored). */
    public Builder context(String context) {
      if (!contexts.contains(Objects.requireNonNull(context, "context"))) {
        contexts.add(context);
      }
      return this;
    }

    /** Adds a controller DID. */
    public Builder controller(String controller) {
      controllers.add(Objects.requireNonNull(controller, "controller"));
      return this;
    }

    /** Adds an {@code alsoKnownAs} URI. */
    public Builder alsoKnownAs(String uri) {
      alsoKnownAs.add(Objects.requireNonNull(uri, "uri"));
      return this;
    }

    /** Adds a verification method and lists it under each of {@code relationships}; adds its type's context. */
    public Builder verificationMethod(VerificationMethod method, VerificationRelationship... relationships) {
      methods.add(Objects.requireNonNull(method, "method"));
      if (VerificationMethod.MULTIKEY.equals(method.type())) {
        context(MULTIKEY_CONTEXT);
      } else if (VerificationMethod.JSON_WEB_KEY.equals(method.type())) {
        context(JWK_CONTEXT);
      }
      for (VerificationRelationship r : relationships) {
        reference(r, method.id());
      }
      return this;
    }

    /** Lists a method id (possibly of another document) under {@code relationship}. */
    public Builder reference(VerificationRelationship relationship, String methodId) {
      rels.computeIfAbsent(relationship, r -> new ArrayList<>()).add(Objects.requireNonNull(methodId, "methodId"));
      return this;
    }

    /** Adds a service endpoint. */
    public Builder service(String id, String type, String endpoint) {
      ObjectNode s = Json.object();
      s.put("id", Objects.requireNonNull(id, "id"));
      s.put("type", Objects.requireNonNull(type, "type"));
      s.put("serviceEndpoint", Objects.requireNonNull(endpoint, "endpoint"));
      services.add(s);
      return this;
    }

    /**
     * Builds the document.
     *
     * @throws DidResolutionException {@code invalidDidDocument} for duplicate method ids
     */
    public DidDocument build() {
      ObjectNode n = Json.object();
      ArrayNode ctx = n.putArray("@context");
      contexts.forEach(ctx::add);
      n.put("id", id.toString());
      if (!controllers.isEmpty()) {
        ArrayNode c = n.putArray("controller");
        controllers.forEach(c::add);
      }
      if (!alsoKnownAs.isEmpty()) {
        ArrayNode a = n.putArray("alsoKnownAs");
        alsoKnownAs.forEach(a::add);
      }
      if (!methods.isEmpty()) {
        ArrayNode vms = n.putArray("verificationMethod");
        methods.forEach(m -> vms.add(m.json()));
      }
      rels.forEach((r, refs) -> {
        ArrayNode a = n.putArray(r.property());
        refs.forEach(a::add);
      });
      if (!services.isEmpty()) {
        ArrayNode s = n.putArray("service");
        services.forEach(s::add);
      }
      return fromJson(n);
    }
  }
}
