package io.zhixin.oid4vci;

/**
 * The OpenID4VCI credential format identifiers this issuer supports (OpenID4VCI 1.0 Appendix A).
 *
 * <p>{@link #JWT_VC_JSON} carries a W3C credential signed as a JWT; Zhixin issues VC Data Model 2.0 credentials
 * secured with JOSE ({@code typ vc+jwt}) under it, because OpenID4VCI 1.0 defines no separate identifier for them.
 */
public enum CredentialFormatId {
  /** SD-JWT VC, {@code typ dc+sd-jwt}; the holder key goes into {@code cnf.jwk}. */
  DC_SD_JWT("dc+sd-jwt"),
  /** W3C VC signed as a JWT ({@code vc+jwt}); the holder is {@code credentialSubject.id}, a did:jwk or did:key. */
  JWT_VC_JSON("jwt_vc_json");

  private final String id;

  CredentialFormatId(String id) {
    this.id = id;
  }

  /** The identifier as written in metadata, e.g. {@code dc+sd-jwt}. */
  public String id() {
    return id;
  }
}
