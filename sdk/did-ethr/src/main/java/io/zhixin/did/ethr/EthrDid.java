package io.zhixin.did.ethr;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import io.zhixin.did.Did;
import io.zhixin.did.ethr.internal.RegistryAbi;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * A did:ethr identifier taken apart: network, Ethereum address and, for public-key DIDs, the compressed secp256k1
 * key. Also makes did:ethr DIDs from addresses and keys: creating a did:ethr needs no transaction, every address is
 * a DID that owns itself until its owner names another. Immutable.
 *
 * <pre>{@code
 * Did did = EthrDid.fromPublicKey(31337, keyPair.publicJwk());   // did:ethr:0x7a69:0x02…
 * String address = EthrDid.parse(did).address();                  // 0xAbC… (EIP-55)
 * }</pre>
 */
public final class EthrDid {
  /** The method name. */
  public static final String METHOD = "ethr";
  /** The network a DID without a network part is on. */
  public static final String MAINNET = "mainnet";

  // As the reference resolver: an optional network part, then a 20-byte address or a 33-byte compressed key.
  private static final Pattern ID = Pattern.compile("(?:(.+):)?(0x[0-9a-fA-F]{40}|0x[0-9a-fA-F]{66})");

  private static final ECCurve CURVE = CustomNamedCurves.getByName("secp256k1").getCurve();

  private final Did did;
  private final String network;
  private final String address;
  private final String publicKeyHex;

  private EthrDid(Did did, String network, String address, String publicKeyHex) {
    this.did = did;
    this.network = network;
    this.address = address;
    this.publicKeyHex = publicKeyHex;
  }

  /**
   * Takes a did:ethr apart.
   *
   * @throws IllegalArgumentException when it is not a did:ethr, the address is not hex of the right length, a
   *     mixed-case address fails its EIP-55 checksum, or the key is not a compressed secp256k1 point
   */
  public static EthrDid parse(Did did) {
    Objects.requireNonNull(did, "did");
    if (!METHOD.equals(did.method())) {
      throw new IllegalArgumentException("expected a did:ethr, found did:" + did.method());
    }
    Matcher m = ID.matcher(did.methodSpecificId());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a did:ethr: expected did:ethr:[network:]0x<40 hex digits> or "
          + "0x<66 hex digits> (compressed secp256k1 key), found '" + did + "'");
    }
    String network = m.group(1) == null ? MAINNET : m.group(1);
    String id = m.group(2);
    if (id.length() == 42) {
      String hex = id.substring(2);
      boolean mixed = !hex.equals(hex.toLowerCase()) && !hex.equals(hex.toUpperCase());
      String checksummed = RegistryAbi.checksum(id);
      if (mixed && !checksummed.equals(id)) {
        throw new IllegalArgumentException("bad EIP-55 checksum in the address of " + did + ": expected "
            + checksummed);
      }
      return new EthrDid(did, network, checksummed, null);
    }
    return new EthrDid(did, network, addressOfCompressedKey(Numeric.hexStringToByteArray(id), did.toString()), id);
  }

  /** {@code did:ethr:<hex chain id>:<checksummed address>}. */
  public static Did fromAddress(long chainId, String address) {
    return Did.of(METHOD, EthrNetwork.hexChainId(chainId) + ":" + checkAddress(address));
  }

  /** {@code did:ethr:<network name>:<checksummed address>}; {@code mainnet} gives the DID without network part. */
  public static Did fromAddress(String network, String address) {
    return Did.of(METHOD, prefix(network) + checkAddress(address));
  }

  /**
   * {@code did:ethr:<hex chain id>:0x<compressed key>}: a public-key DID, whose document also lists the key itself
   * ({@code #controllerKey}) while the key's address owns the identity.
   *
   * @throws IllegalArgumentException when {@code publicJwk} is not a secp256k1 EC key
   */
  public static Did fromPublicKey(long chainId, JWK publicJwk) {
    return Did.of(METHOD, EthrNetwork.hexChainId(chainId) + ":" + compressedKeyHex(publicJwk));
  }

  /** As {@link #fromPublicKey(long, JWK)} on a named network. */
  public static Did fromPublicKey(String network, JWK publicJwk) {
    return Did.of(METHOD, prefix(network) + compressedKeyHex(publicJwk));
  }

  /** The Ethereum address (EIP-55) of a secp256k1 public key. */
  public static String address(JWK publicJwk) {
    ECKey ec = secp256k1(publicJwk);
    BigInteger pub = new BigInteger(1, concat(Numeric.toBytesPadded(new BigInteger(1, ec.getX().decode()), 32),
        Numeric.toBytesPadded(new BigInteger(1, ec.getY().decode()), 32)));
    return Keys.toChecksumAddress(Keys.getAddress(pub));
  }

  /** {@code 0x} and the 33-byte compressed point of a secp256k1 public key, lowercase. */
  public static String compressedKeyHex(JWK publicJwk) {
    ECKey ec = secp256k1(publicJwk);
    ECPoint p = CURVE.createPoint(new BigInteger(1, ec.getX().decode()),
        new BigInteger(1, ec.getY().decode()));
    return Numeric.toHexString(p.getEncoded(true));
  }

  private static ECKey secp256k1(JWK jwk) {
    Objects.requireNonNull(jwk, "publicJwk");
    if (!(jwk instanceof ECKey ec) || !Curve.SECP256K1.equals(ec.getCurve())) {
      throw new IllegalArgumentException("did:ethr keys are secp256k1 EC keys, found " + jwk.getKeyType()
          + (jwk instanceof ECKey e ? " " + e.getCurve() : ""));
    }
    return ec;
  }

  private static String addressOfCompressedKey(byte[] compressed, String did) {
    try {
      ECPoint p = CURVE.decodePoint(compressed);
      if (compressed[0] != 2 && compressed[0] != 3) {
        throw new IllegalArgumentException("not compressed");
      }
      byte[] uncompressed = p.getEncoded(false);
      BigInteger pub = new BigInteger(1, java.util.Arrays.copyOfRange(uncompressed, 1, uncompressed.length));
      return Keys.toChecksumAddress(Keys.getAddress(pub));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new IllegalArgumentException("the key in " + did + " is not a compressed secp256k1 point");
    }
  }

  private static String checkAddress(String address) {
    if (address == null || !address.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException("expected a 0x-prefixed 20-byte hex address, found " + address);
    }
    return RegistryAbi.checksum(address);
  }

  private static String prefix(String network) {
    Objects.requireNonNull(network, "network");
    return MAINNET.equals(network) ? "" : network + ":";
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The DID. */
  public Did did() {
    return did;
  }

  /** The network part as written, or {@code mainnet} when the DID has none. */
  public String network() {
    return network;
  }

  /** The identity's address (EIP-55), derived from the key for public-key DIDs. */
  public String address() {
    return address;
  }

  /** For public-key DIDs, the key as written in the DID ({@code 0x} and 66 hex digits). */
  public Optional<String> publicKeyHex() {
    return Optional.ofNullable(publicKeyHex);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EthrDid e && e.did.equals(did);
  }

  @Override
  public int hashCode() {
    return did.hashCode();
  }

  @Override
  public String toString() {
    return did.toString();
  }
}
