package io.zhixin.did;

/** The verification relationships of DID Core 1.0 §5.3: what a verification method may be used for. */
public enum VerificationRelationship {
  /** Proving control of the DID (login). */
  AUTHENTICATION("authentication"),
  /** Issuing claims, e.g. signing verifiable credentials. */
  ASSERTION_METHOD("assertionMethod"),
  /** Key agreement for encryption. */
  KEY_AGREEMENT("keyAgreement"),
  /** Invoking a cryptographic capability. */
  CAPABILITY_INVOCATION("capabilityInvocation"),
  /** Delegating a cryptographic capability. */
  CAPABILITY_DELEGATION("capabilityDelegation");

  private final String property;

  VerificationRelationship(String property) {
    this.property = property;
  }

  /** The DID document property name, e.g. {@code assertionMethod}. */
  public String property() {
    return property;
  }
}
