package io.zhixin.did;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import io.zhixin.did.internal.Json;
import io.zhixin.did.internal.Multikeys;
import io.zhixin.keys.KeyException;
import io.zhixin.keys.PublicKeys;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A verification method of a DID document (DID Core 1.0 §5.2): an id, a type, a controller and, for key types,
 * a validated public key. Immutable.
 *
 * <p>The public key is read from {@code publicKeyJwk} or {@code publicKeyMultibase}, whatever the type; it is
 * checked to lie on its curve. Methods without key material (e.g. did:ethr's blockchain account ids) have no
 * {@link #publicJwk()}.
 */
public final class VerificationMethod {
  /** The Multikey type (W3C Controlled Identifiers 1.0), key in {@code publicKeyMultibase}. */
  public static final String MULTIKEY = "Multikey";
  /** The JsonWebKey type (W3C Controlled Identifiers 1.0), key in {@code publicKeyJwk}. */
  public static final String JSON_WEB_KEY = "JsonWebKey";

  private final String id;
  private final String type;
  private final String controller;
  private final JWK publicJwk;
  private final ObjectNode json;

  private VerificationMethod(String id, String type, String controller, JWK publicJwk, ObjectNode json) {
    this.id = id;
    this.type = type;
    this.controller = controller;
    this.publicJwk = publicJwk;
    this.json = json;
  }

  /** A Multikey method holding {@code publicJwk} as {@code publicKeyMultibase}. */
  public static VerificationMethod multikey(String id, String controller, JWK publicJwk) {
    return of(id, MULTIKEY, controller, Map.of("publicKeyMultibase", Multikeys.encode(PublicKeys.validate(publicJwk))));
  }

  /** A JsonWebKey method holding {@code publicJwk} (public members only) as {@code publicKeyJwk}. */
  public static VerificationMethod jsonWebKey(String id, String controller, JWK publicJwk) {
    return of(id, JSON_WEB_KEY, controller, Map.of("publicKeyJwk", PublicKeys.validate(publicJwk).toJSONObject()));
  }

  /**
   * A verification method of any type, for method drivers (e.g. did:ethr's
   * {@code EcdsaSecp256k1RecoveryMethod2020} with {@code blockchainAccountId}).
   *
   * @param properties further members; a {@code publicKeyJwk} or {@code publicKeyMultibase} among them is validated
   * @throws DidResolutionException {@code invalidPublicKey…} if the key is invalid
   * @throws IllegalArgumentException if id, type or controller is empty
   */
  public static VerificationMethod of(String id, String type, String controller, Map<String, ?> properties) {
    ObjectNode node = Json.fromMap(properties);
    node.put("id", requireText(id, "id"));
    node.put("type", requireText(type, "type"));
    node.put("controller", requireText(controller, "controller"));
    return fromJson(node, null);
  }

  /** Reads a method from a document; relative ids are resolved against {@code documentId}. */
  static VerificationMethod fromJson(JsonNode node, String documentId) {
    if (!(node instanceof ObjectNode)) {
      throw new DidResolutionException(ResolutionError.INVALID_DID_DOCUMENT, "verification method is not an object");
    }
    ObjectNode copy = ((ObjectNode) node).deepCopy();
    String id = text(copy, "id");
    String type = text(copy, "type");
    String controller = text(copy, "controller");
    if (id == null || type == null || controller == null) {
      throw new DidResolutionException(ResolutionError.INVALID_DID_DOCUMENT,
          "verification method needs string id, type and controller");
    }
    JWK jwk = null;
    JsonNode jwkNode = copy.get("publicKeyJwk");
    JsonNode mb = copy.get("publicKeyMultibase");
    if (jwkNode != null && mb != null) {
      throw new DidResolutionException(ResolutionError.INVALID_PUBLIC_KEY,
          "verification method " + id + " has both publicKeyJwk and publicKeyMultibase");
    }
    if (jwkNode != null) {
      if (!jwkNode.isObject()) {
        throw new DidResolutionException(ResolutionError.INVALID_PUBLIC_KEY, "publicKeyJwk of " + id + " is not an object");
      }
      try {
        jwk = PublicKeys.parse(Json.toMap(jwkNode));
      } catch (KeyException e) {
        throw new DidResolutionException(e.reason() == KeyException.Reason.UNSUPPORTED_KEY_TYPE
            ? ResolutionError.INVALID_PUBLIC_KEY_TYPE : ResolutionError.INVALID_PUBLIC_KEY,
            "publicKeyJwk of " + id + ": " + e.getMessage());
      }
    } else if (mb != null) {
      if (!mb.isTextual()) {
        throw new DidResolutionException(ResolutionError.INVALID_PUBLIC_KEY, "publicKeyMultibase of " + id + " is not a string");
      }
      jwk = Multikeys.decode(mb.asText(), ResolutionError.INVALID_PUBLIC_KEY);
    }
    return new VerificationMethod(absolute(id, documentId), type, controller, jwk, copy);
  }

  static String absolute(String ref, String documentId) {
    return documentId != null && ref.startsWith("#") ? documentId + ref : ref;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
  }

  private static String requireText(String s, String name) {
    if (s == null || s.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return s;
  }

  /** The absolute id, e.g. {@code did:key:z6Mk…#z6Mk…}. */
  public String id() {
    return id;
  }

  /** The type, e.g. {@code Multikey}. */
  public String type() {
    return type;
  }

  /** The controller DID. */
  public String controller() {
    return controller;
  }

  /** The validated public key, if this method carries one. */
  public Optional<JWK> publicJwk() {
    return Optional.ofNullable(publicJwk);
  }

  /** A member as JSON text (e.g. {@code blockchainAccountId}), if present. */
  public Optional<String> property(String name) {
    JsonNode v = json.get(name);
    return v == null ? Optional.empty() : Optional.of(v.isTextual() ? v.asText() : Json.write(v));
  }

  ObjectNode json() {
    return json.deepCopy();
  }

  /** The method as JSON. */
  public String toJson() {
    return Json.write(json);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerificationMethod && ((VerificationMethod) o).json.equals(json)
        && ((VerificationMethod) o).id.equals(id);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, json);
  }

  @Override
  public String toString() {
    return "VerificationMethod{" + id + ", " + type + "}";
  }
}
