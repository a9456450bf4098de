package io.zhixin.did.jwk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.Base64URL;
import io.zhixin.did.Did;
import io.zhixin.did.DidDocument;
import io.zhixin.did.DidDocumentMetadata;
import io.zhixin.did.DidMethod;
import io.zhixin.did.DidResolutionException;
import io.zhixin.did.DidResolutionResult;
import io.zhixin.did.ResolutionError;
import io.zhixin.did.VerificationMethod;
import io.zhixin.did.VerificationRelationship;
import io.zhixin.did.internal.Json;
import io.zhixin.keys.KeyException;
import io.zhixin.keys.PublicKeys;
import io.zhixin.keys.Signer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * did:jwk (did:jwk Method Specification): the DID is the base64url of the public JWK's JSON. Nothing is published,
 * like did:key, but any JWK a wallet already has works unchanged. The one verification method is {@code #0}, a
 * {@code JsonWebKey}.
 *
 * <p>Errors: {@code invalidDid} (not base64url of a JSON object), {@code invalidPublicKey} (private members, bad
 * point), {@code invalidPublicKeyType} (key types other than EC P-256/P-384/P-521/secp256k1 and OKP
 * Ed25519/X25519).
 */
public final class DidJwk {
  /** The method name. */
  public static final String METHOD = "jwk";
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
  private static final DidMethod DRIVER = new Driver();

  private DidJwk() {}

  /**
   * The did:jwk of a public key. Members are written in lexicographic order so that a key always yields the same DID.
   *
   * @throws KeyException for private or invalid keys
   */
  public static Did create(JWK publicJwk) {
    JWK pub = PublicKeys.validate(Objects.requireNonNull(publicJwk, "publicJwk"));
    String json = Json.write(Json.fromMap(new TreeMap<>(pub.toJSONObject())));
    return Did.of(METHOD, Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString());
  }

  /** The did:jwk of a signer's public key. */
  public static Did create(Signer signer) {
    return create(signer.publicJwk());
  }

  /** The id of the verification method of a did:jwk: {@code did:jwk:…#0}. */
  public static String verificationMethodId(Did did) {
    if (!METHOD.equals(did.method())) {
      throw new IllegalArgumentException("expected a did:jwk, found did:" + did.method());
    }
    return did + "#0";
  }

  /** The driver. */
  public static DidMethod method() {
    return DRIVER;
  }

  private static final class Driver implements DidMethod {
    @Override
    public String name() {
      return METHOD;
    }

    @Override
    public DidResolutionResult resolve(Did did) {
      try {
        return DidResolutionResult.success(document(did), DidDocumentMetadata.empty());
      } catch (DidResolutionException e) {
        return DidResolutionResult.failure(e);
      }
    }

    private static DidDocument document(Did did) {
      String msid = did.methodSpecificId();
      if (!BASE64URL.matcher(msid).matches()) {
        throw new DidResolutionException(ResolutionError.INVALID_DID, "did:jwk id must be unpadded base64url");
      }
      ObjectNode obj = Json.parseObject(new String(new Base64URL(msid).decode(), StandardCharsets.UTF_8));
      if (obj == null) {
        throw new DidResolutionException(ResolutionError.INVALID_DID, "did:jwk id does not decode to a JSON object");
      }
      JWK jwk;
      try {
        jwk = PublicKeys.parse(Json.toMap(obj));
      } catch (KeyException e) {
        throw new DidResolutionException(e.reason() == KeyException.Reason.UNSUPPORTED_KEY_TYPE
            ? ResolutionError.INVALID_PUBLIC_KEY_TYPE : ResolutionError.INVALID_PUBLIC_KEY, e.getMessage());
      }
      String id = verificationMethodId(did);
      VerificationMethod vm = VerificationMethod.jsonWebKey(id, did.toString(), jwk);
      return DidDocument.builder(did).verificationMethod(vm, relationships(jwk)).build();
    }

    // did:jwk spec: use=enc → keyAgreement only; use=sig → no keyAgreement. Curves decide where use is absent.
    private static VerificationRelationship[] relationships(JWK jwk) {
      Curve curve = PublicKeys.curve(jwk);
      boolean enc = KeyUse.ENCRYPTION.equals(jwk.getKeyUse()) || Curve.X25519.equals(curve);
      boolean sig = !KeyUse.ENCRYPTION.equals(jwk.getKeyUse()) && !Curve.X25519.equals(curve);
      List<VerificationRelationship> out = new ArrayList<>();
      if (sig) {
        out.addAll(List.of(VerificationRelationship.AUTHENTICATION, VerificationRelationship.ASSERTION_METHOD,
            VerificationRelationship.CAPABILITY_INVOCATION, VerificationRelationship.CAPABILITY_DELEGATION));
      }
      if (enc || (jwk.getKeyUse() == null && !Curve.Ed25519.equals(curve))) {
        out.add(VerificationRelationship.KEY_AGREEMENT);
      }
      return out.toArray(new VerificationRelationship[0]);
    }

    @Override
    public String toString() {
      return "DidJwk.method";
    }
  }
}
