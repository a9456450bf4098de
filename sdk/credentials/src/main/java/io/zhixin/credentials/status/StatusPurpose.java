package io.zhixin.credentials.status;

/** The {@code statusPurpose} values Zhixin uses (W3C Bitstring Status List v1.0). */
public enum StatusPurpose {
  /** Permanent: once set, the credential stays invalid. */
  REVOCATION("revocation"),
  /** Temporary: the bit can be cleared again. */
  SUSPENSION("suspension");

  private final String value;

  StatusPurpose(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  /** @throws IllegalArgumentException for any other value */
  public static StatusPurpose parse(String v) {
    for (StatusPurpose p : values()) {
      if (p.value.equals(v)) {
        return p;
      }
    }
    throw new IllegalArgumentException("statusPurpose must be revocation or suspension, found " + v);
  }
}
