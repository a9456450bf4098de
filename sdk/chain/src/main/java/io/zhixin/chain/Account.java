package io.zhixin.chain;

import java.util.Objects;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * The key that signs transactions for one address. Its {@link #toString()} shows only the address;
 * the private key never leaves this object except to sign.
 */
public final class Account {
  private final Credentials credentials;
  private final Address address;

  private Account(Credentials credentials) {
    this.credentials = credentials;
    this.address = Address.parse(credentials.getAddress());
  }

  /**
   * The account of a secp256k1 private key given as 64 hex digits, with or without {@code 0x}.
   *
   * @throws IllegalArgumentException when it is not such a key (the message does not repeat it)
   */
  public static Account fromPrivateKey(String hex) {
    String digits = hex != null && hex.startsWith("0x") ? hex.substring(2) : hex;
    if (digits == null || !digits.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("a private key is 64 hex digits");
    }
    return new Account(Credentials.create(digits));
  }

  /** The account of web3j credentials, for callers that already hold them (such as the test kit). */
  public static Account of(Credentials credentials) {
    return new Account(Objects.requireNonNull(credentials, "credentials"));
  }

  /** A new random key; for tests and throwaway identities. */
  public static Account generate() {
    try {
      ECKeyPair pair = Keys.createEcKeyPair();
      return new Account(Credentials.create(pair));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a secp256k1 key: " + e.getMessage(), e);
    }
  }

  public Address address() {
    return address;
  }

  Credentials credentials() {
    return credentials;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Account other && address.equals(other.address);
  }

  @Override
  public int hashCode() {
    return address.hashCode();
  }

  @Override
  public String toString() {
    return "Account[" + address + "]";
  }
}
