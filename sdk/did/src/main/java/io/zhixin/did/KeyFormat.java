package io.zhixin.did;

/** How a method driver writes public keys into the documents it produces. */
public enum KeyFormat {
  /** {@code Multikey} with {@code publicKeyMultibase} (compact; the did:key default). */
  MULTIKEY,
  /** {@code JsonWebKey} with {@code publicKeyJwk}. */
  JSON_WEB_KEY;

  /** A verification method of this format. */
  public VerificationMethod method(String id, String controller, com.nimbusds.jose.jwk.JWK publicJwk) {
    return this == MULTIKEY ? VerificationMethod.multikey(id, controller, publicJwk)
        : VerificationMethod.jsonWebKey(id, controller, publicJwk);
  }
}
