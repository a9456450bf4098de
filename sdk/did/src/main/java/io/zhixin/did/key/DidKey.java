package io.zhixin.did.key;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import io.zhixin.did.Did;
import io.zhixin.did.DidDocument;
import io.zhixin.did.DidDocumentMetadata;
import io.zhixin.did.DidMethod;
import io.zhixin.did.DidResolutionException;
import io.zhixin.did.DidResolutionResult;
import io.zhixin.did.KeyFormat;
import io.zhixin.did.ResolutionError;
import io.zhixin.did.VerificationMethod;
import io.zhixin.did.internal.Multikeys;
import io.zhixin.keys.PublicKeys;
import io.zhixin.keys.Signer;
import java.util.Objects;

import static io.zhixin.did.VerificationRelationship.ASSERTION_METHOD;
import static io.zhixin.did.VerificationRelationship.AUTHENTICATION;
import static io.zhixin.did.VerificationRelationship.CAPABILITY_DELEGATION;
import static io.zhixin.did.VerificationRelationship.CAPABILITY_INVOCATION;
import static io.zhixin.did.VerificationRelationship.KEY_AGREEMENT;

/**
 * did:key (W3C CCG did:key Method v0.7): the DID is the public key, multicodec-prefixed and base58btc-encoded
 * (EC points compressed). Nothing is published anywhere, which suits citizens. Keys cannot be rotated.
 *
 * <p>Resolves Ed25519, P-256 and secp256k1 keys, and also P-384, P-521 and X25519 (keyAgreement only). Errors:
 * {@code invalidDid} (not base58btc multibase), {@code invalidPublicKeyType} (other multicodecs),
 * {@code invalidPublicKeyLength}, {@code invalidPublicKey} (not a point on the curve).
 *
 * <pre>{@code
 * Did did = DidKey.create(keyPair.publicJwk());          // did:key:zDn…
 * String kid = DidKey.verificationMethodId(did);         // did:key:zDn…#zDn…
 * DidResolver r = DidResolver.builder().method(DidKey.method()).build();
 * }</pre>
 */
public final class DidKey {
  /** The method name. */
  public static final String METHOD = "key";

  private DidKey() {}

  /**
   * The did:key of a public key.
   *
   * @throws io.zhixin.keys.KeyException for an invalid key or a curve without a multicodec
   */
  public static Did create(JWK publicJwk) {
    return Did.of(METHOD, Multikeys.encode(PublicKeys.validate(Objects.requireNonNull(publicJwk, "publicJwk"))));
  }

  /** The did:key of a signer's public key. */
  public static Did create(Signer signer) {
    return create(signer.publicJwk());
  }

  /** The id of the (signing) verification method of a did:key: {@code did:key:X#X}. */
  public static String verificationMethodId(Did did) {
    if (!METHOD.equals(did.method())) {
      throw new IllegalArgumentException("expected a did:key, found did:" + did.method());
    }
    return did + "#" + did.methodSpecificId();
  }

  /** The driver with default options: Multikey documents, no derived X25519 key-agreement key. */
  public static DidMethod method() {
    return methodBuilder().build();
  }

  /** A builder for a driver with options. */
  public static Builder methodBuilder() {
    return new Builder();
  }

  /** Options of the did:key driver. */
  public static final class Builder {
    private KeyFormat format = KeyFormat.MULTIKEY;
    private boolean keyAgreement;

    private Builder() {}

    /** How keys appear in documents (default {@link KeyFormat#MULTIKEY}). */
    public Builder keyFormat(KeyFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * The spec's {@code enableEncryptionKeyDerivation} (default false): Ed25519 documents get the X25519 key derived
     * from the Ed25519 key under {@code keyAgreement}; EC documents list their key under {@code keyAgreement}.
     */
    public Builder keyAgreement(boolean enable) {
      this.keyAgreement = enable;
      return this;
    }

    public DidMethod build() {
      return new Driver(format, keyAgreement);
    }
  }

  private static final class Driver implements DidMethod {
    private final KeyFormat format;
    private final boolean keyAgreement;

    Driver(KeyFormat format, boolean keyAgreement) {
      this.format = format;
      this.keyAgreement = keyAgreement;
    }

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

    private DidDocument document(Did did) {
      String msid = did.methodSpecificId();
      if (msid.indexOf(':') >= 0) {
        throw new DidResolutionException(ResolutionError.INVALID_DID,
            "did:key takes one multibase value, found ':' in the method-specific id");
      }
      JWK key = Multikeys.decode(msid, ResolutionError.INVALID_DID);
      String id = did + "#" + msid;
      VerificationMethod vm = format.method(id, did.toString(), key);
      DidDocument.Builder doc = DidDocument.builder(did);
      Curve curve = PublicKeys.curve(key);
      if (Curve.X25519.equals(curve)) {
        return doc.verificationMethod(vm, KEY_AGREEMENT).build();
      }
      doc.verificationMethod(vm, AUTHENTICATION, ASSERTION_METHOD, CAPABILITY_INVOCATION, CAPABILITY_DELEGATION);
      if (keyAgreement && Curve.Ed25519.equals(curve)) {
        JWK x = Multikeys.x25519FromEd25519(key);
        doc.verificationMethod(format.method(did + "#" + Multikeys.encode(x), did.toString(), x), KEY_AGREEMENT);
      } else if (keyAgreement) {
        doc.reference(KEY_AGREEMENT, id);
      }
      return doc.build();
    }

    @Override
    public String toString() {
      return "DidKey.method{" + format + (keyAgreement ? ", keyAgreement" : "") + "}";
    }
  }
}
