package io.zhixin.keys;

/**
 * A token that a caller passes to reach private key material, so that every such place is explicit and easy
 * to grep for ({@code SecretAccess.insecure()}), as in Tink's {@code InsecureSecretKeyAccess}.
 */
public final class SecretAccess {
  private static final SecretAccess INSTANCE = new SecretAccess();

  private SecretAccess() {}

  /** The token. Calling this says "this code handles private key material on purpose". */
  public static SecretAccess insecure() {
    return INSTANCE;
  }

  static void check(SecretAccess access) {
    if (access != INSTANCE) {
      throw new IllegalArgumentException("SecretAccess token required: pass SecretAccess.insecure()");
    }
  }
}
