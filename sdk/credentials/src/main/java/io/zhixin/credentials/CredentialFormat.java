package io.zhixin.credentials;

/** The securing formats Zhixin issues and verifies. */
public enum CredentialFormat {
  /** SD-JWT VC (draft-ietf-oauth-sd-jwt-vc), {@code typ} {@code dc+sd-jwt}; plain RFC 9901 SD-JWTs too. */
  SD_JWT_VC("application/dc+sd-jwt"),
  /** VC-JOSE-COSE credential, {@code typ} {@code vc+jwt}. */
  VC_JWT("application/vc+jwt"),
  /** VC-JOSE-COSE presentation, {@code typ} {@code vp+jwt}. */
  VP_JWT("application/vp+jwt");

  private final String mediaType;

  CredentialFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The media type, e.g. {@code application/vc+jwt}. */
  public String mediaType() {
    return mediaType;
  }
}
