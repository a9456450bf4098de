package io.zhixin.did.ethr;

/** The delegate types that did:ethr documents show; the registry itself accepts any 32-byte type. */
public enum DelegateType {
  /** A key that may sign on the identity's behalf: listed under {@code assertionMethod}. */
  VERI_KEY("veriKey"),
  /** A key that may also authenticate as the identity: listed under {@code authentication} and {@code assertionMethod}. */
  SIG_AUTH("sigAuth");

  private final String registryName;

  DelegateType(String registryName) {
    this.registryName = registryName;
  }

  /** The type as stored in the registry ({@code veriKey}, {@code sigAuth}). */
  public String registryName() {
    return registryName;
  }
}
