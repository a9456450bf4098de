package io.zhixin.did.ethr;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import io.zhixin.did.Did;
import io.zhixin.did.ethr.internal.DocumentReplay;
import io.zhixin.did.ethr.internal.RegistryAbi;
import io.zhixin.did.ethr.internal.RegistryEvent;
import io.zhixin.did.ethr.internal.RegistryReader;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import io.zhixin.keys.SecretAccess;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthGasPrice;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * The owner's side of a did:ethr: key rotation, delegates, published keys and services, deactivation, as
 * transactions on the ERC-1056 registry signed by the current owner's key. Thread-safe for reads; send one
 * transaction at a time per signer (nonces are read from the node).
 *
 * <p>Before each transaction it checks that the signer is the identity's current owner and that the DID is not
 * deactivated, and throws {@link EthrDidException} ({@code NOT_OWNER}, {@code DEACTIVATED}) without sending
 * anything. Receipts are polled every 100 ms.
 *
 * <pre>{@code
 * EthrDidController c = EthrDidController.builder().web3j(web3j).chainId(31337).registry(registry)
 *     .keyPair(secp256k1).build();                       // the DID needs no transaction to exist
 * c.addAssertionKey(ed25519.publicJwk(), Duration.ofDays(365));
 * c.changeOwner(newOwnerAddress);                        // rotation; then use c.withOwner(newOwnerCredentials)
 * }</pre>
 */
public final class EthrDidController {
  private static final long RECEIPT_POLL_MILLIS = 100;
  private static final int RECEIPT_POLL_ATTEMPTS = 600;

  private final Web3j web3j;
  private final String registry;
  private final long chainId;
  private final Credentials signer;
  private final Did did;
  private final EthrDid ethrDid;
  private final RegistryReader reader;

  private EthrDidController(Web3j web3j, String registry, long chainId, Credentials signer, Did did) {
    this.web3j = web3j;
    this.registry = registry;
    this.chainId = chainId;
    this.signer = signer;
    this.did = did;
    this.ethrDid = EthrDid.parse(did);
    this.reader = new RegistryReader(web3j, registry);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The DID this controller changes. */
  public Did did() {
    return did;
  }

  /** The identity's address. */
  public String identity() {
    return ethrDid.address();
  }

  /** The address that signs this controller's transactions. */
  public String signerAddress() {
    return RegistryAbi.checksum(signer.getAddress());
  }

  /**
   * The same DID controlled by another owner key: what to use after {@link #changeOwner(String)}.
   */
  public EthrDidController withOwner(Credentials newOwner) {
    return new EthrDidController(web3j, registry, chainId, Objects.requireNonNull(newOwner, "newOwner"), did);
  }

  /** As {@link #withOwner(Credentials)} for a secp256k1 key pair. */
  public EthrDidController withOwner(KeyPair newOwner) {
    return withOwner(credentials(newOwner));
  }

  /**
   * The identity's current owner as the registry says.
   *
   * @throws EthrDidException {@code CHAIN_UNAVAILABLE}
   */
  public String owner() {
    try {
      return reader.identityOwner(ethrDid.address());
    } catch (RegistryReader.ReadException e) {
      throw new EthrDidException(EthrDidException.Reason.CHAIN_UNAVAILABLE, e.getMessage(), e);
    }
  }

  /**
   * Makes {@code newOwner} the owner (key rotation): from then on only its key can change the DID, and the
   * document's {@code #controller} is its address.
   *
   * @throws IllegalArgumentException if {@code newOwner} is not an address or is the zero address (use
   *     {@link #deactivate()})
   * @throws EthrDidException {@code NOT_OWNER}, {@code DEACTIVATED}, {@code TRANSACTION_FAILED}, {@code CHAIN_UNAVAILABLE}
   */
  public TransactionReceipt changeOwner(String newOwner) {
    String owner = address(newOwner, "newOwner");
    if (owner.equals(DocumentReplay.NULL_ADDRESS)) {
      throw new IllegalArgumentException("changing the owner to the zero address deactivates the DID: "
          + "call deactivate() to mean that");
    }
    return send("changeOwner", RegistryAbi.changeOwner(identity(), owner));
  }

  /**
   * Deactivates the DID for good: the owner becomes the zero address, and resolvers return an empty document with
   * {@code deactivated} metadata and ignore any later change.
   *
   * @throws EthrDidException {@code NOT_OWNER}, {@code DEACTIVATED}, {@code TRANSACTION_FAILED}, {@code CHAIN_UNAVAILABLE}
   */
  public TransactionReceipt deactivate() {
    return send("changeOwner", RegistryAbi.changeOwner(identity(), DocumentReplay.NULL_ADDRESS));
  }

  /**
   * Adds {@code delegate} (an address) for {@code validity}; it appears as {@code #delegate-N} while valid.
   *
   * @throws IllegalArgumentException for a bad address or a validity that is not positive
   * @throws EthrDidException {@code NOT_OWNER}, {@code DEACTIVATED}, {@code TRANSACTION_FAILED}, {@code CHAIN_UNAVAILABLE}
   */
  public TransactionReceipt addDelegate(DelegateType type, String delegate, Duration validity) {
    Objects.requireNonNull(type, "type");
    return send("addDelegate", RegistryAbi.addDelegate(identity(), type.registryName(),
        address(delegate, "delegate"), seconds(validity)));
  }

  /**
   * Revokes {@code delegate} as of this block.
   *
   * @throws EthrDidException {@code NOT_OWNER}, {@code DEACTIVATED}, {@code TRANSACTION_FAILED}, {@code CHAIN_UNAVAILABLE}
   */
  public TransactionReceipt revokeDelegate(DelegateType type, String delegate) {
    Objects.requireNonNull(type, "type");
    return send("revokeDelegate", RegistryAbi.revokeDelegate(identity(), type.registryName(),
        address(delegate, "delegate")));
  }

  /**
   * Publishes an attribute, e.g. {@code did/pub/Secp256k1/veriKey/hex} with the key bytes or {@code did/svc/<Type>}
   * with the endpoint's UTF-8 bytes, valid for {@code validity}.
   *
   * @throws IllegalArgumentException for a name longer than 32 UTF-8 bytes or a validity that is not positive
   * @throws EthrDidException {@code NOT_OWNER}, {@code DEACTIVATED}, {@code TRANSACTION_FAILED}, {@code CHAIN_UNAVAILABLE}
   */
  public TransactionReceipt setAttribute(String name, byte[] value, Duration validity) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    return send("setAttribute", RegistryAbi.setAttribute(identity(), name, value, seconds(validity)));
  }

  /**
   * Revokes an attribute published with the same name and value.
   *
   * @throws EthrDidException {@code NOT_OWNER}, {@code DEACTIVATED}, {@code TRANSACTION_FAILED}, {@code CHAIN_UNAVAILABLE}
   */
  public TransactionReceipt revokeAttribute(String name, byte[] value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    return send("revokeAttribute", RegistryAbi.revokeAttribute(identity(), name, value));
  }

  /**
   * Publishes a key for signing credentials ({@code assertionMethod}): secp256k1 as
   * {@code did/pub/Secp256k1/veriKey/hex} (compressed point, type {@code EcdsaSecp256k1VerificationKey2019}),
   * Ed25519 as {@code did/pub/Ed25519/veriKey/base64} (type {@code Ed25519VerificationKey2018}).
   *
   * @throws IllegalArgumentException for other key types, which did:ethr documents cannot express
   * @throws EthrDidException as {@link #setAttribute}
   */
  public TransactionReceipt addAssertionKey(JWK publicKey, Duration validity) {
    return setAttribute(assertionKeyName(publicKey), assertionKeyValue(publicKey), validity);
  }

  /** Revokes a key published with {@link #addAssertionKey}. */
  public TransactionReceipt revokeAssertionKey(JWK publicKey) {
    return revokeAttribute(assertionKeyName(publicKey), assertionKeyValue(publicKey));
  }

  /**
   * Publishes a service endpoint ({@code did/svc/<type>}); it appears as {@code #service-N}.
   *
   * @throws IllegalArgumentException for a type that is not letters, digits and '_'
   */
  public TransactionReceipt addService(String type, String endpoint, Duration validity) {
    return setAttribute(serviceName(type), Objects.requireNonNull(endpoint, "endpoint").getBytes(StandardCharsets.UTF_8),
        validity);
  }

  /** Revokes a service published with {@link #addService}. */
  public TransactionReceipt revokeService(String type, String endpoint) {
    return revokeAttribute(serviceName(type),
        Objects.requireNonNull(endpoint, "endpoint").getBytes(StandardCharsets.UTF_8));
  }

  /** The attribute name under which {@link #addAssertionKey} publishes {@code publicKey}. */
  public static String assertionKeyName(JWK publicKey) {
    if (publicKey instanceof ECKey ec && Curve.SECP256K1.equals(ec.getCurve())) {
      return "did/pub/Secp256k1/veriKey/hex";
    }
    if (publicKey instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
      return "did/pub/Ed25519/veriKey/base64";
    }
    throw new IllegalArgumentException("did:ethr documents can carry secp256k1 and Ed25519 assertion keys, found "
        + (publicKey == null ? "null" : publicKey.getKeyType() + " " + describeCurve(publicKey)));
  }

  private static byte[] assertionKeyValue(JWK publicKey) {
    if (publicKey instanceof ECKey) {
      return Numeric.hexStringToByteArray(EthrDid.compressedKeyHex(publicKey));
    }
    return ((OctetKeyPair) publicKey).getX().decode();
  }

  private static String describeCurve(JWK k) {
    return k instanceof ECKey ec ? String.valueOf(ec.getCurve())
        : k instanceof OctetKeyPair okp ? String.valueOf(okp.getCurve()) : "";
  }

  private static String serviceName(String type) {
    if (type == null || !type.matches("\\w+")) {
      throw new IllegalArgumentException("a service type must be letters, digits and '_' (did/svc/<type>), found "
          + type);
    }
    return "did/svc/" + type;
  }

  private TransactionReceipt send(String function, String data) {
    checkCanChange();
    String from = signerAddress();
    try {
      EthGasPrice price = web3j.ethGasPrice().send();
      if (price.hasError()) {
        throw unavailable("read the gas price", price.getError().getMessage());
      }
      EthEstimateGas estimate = web3j.ethEstimateGas(
          Transaction.createFunctionCallTransaction(from, null, null, null, registry, data)).send();
      if (estimate.hasError()) {
        throw new EthrDidException(EthrDidException.Reason.TRANSACTION_FAILED, function + " on " + did
            + " would fail: " + estimate.getError().getMessage());
      }
      BigInteger gas = estimate.getAmountUsed().multiply(BigInteger.valueOf(12)).divide(BigInteger.TEN);
      RawTransactionManager tm = new RawTransactionManager(web3j, signer, chainId);
      EthSendTransaction sent = tm.sendTransaction(price.getGasPrice(), gas, registry, data, BigInteger.ZERO);
      if (sent.hasError()) {
        throw new EthrDidException(EthrDidException.Reason.TRANSACTION_FAILED, function + " on " + did
            + " was refused by the node: " + sent.getError().getMessage());
      }
      TransactionReceipt receipt = new PollingTransactionReceiptProcessor(web3j, RECEIPT_POLL_MILLIS,
          RECEIPT_POLL_ATTEMPTS).waitForTransactionReceipt(sent.getTransactionHash());
      if (!receipt.isStatusOK()) {
        throw new EthrDidException(EthrDidException.Reason.TRANSACTION_FAILED, function + " on " + did
            + " reverted in transaction " + receipt.getTransactionHash());
      }
      return receipt;
    } catch (IOException e) {
      throw unavailable("send " + function, e.getClass().getSimpleName() + " " + e.getMessage());
    } catch (TransactionException e) {
      throw new EthrDidException(EthrDidException.Reason.TRANSACTION_FAILED, function + " on " + did
          + " was not mined: " + e.getMessage(), e);
    }
  }

  private void checkCanChange() {
    String owner;
    boolean deactivated;
    try {
      owner = reader.identityOwner(identity());
      deactivated = reader.history(identity()).stream().anyMatch(e -> e instanceof RegistryEvent.OwnerChanged o
          && o.owner().equals(DocumentReplay.NULL_ADDRESS));
    } catch (RegistryReader.ReadException e) {
      throw new EthrDidException(EthrDidException.Reason.CHAIN_UNAVAILABLE, e.getMessage(), e);
    }
    if (deactivated) {
      throw new EthrDidException(EthrDidException.Reason.DEACTIVATED, did + " is deactivated; resolvers ignore any "
          + "later change, so nothing was sent");
    }
    if (!owner.equals(signerAddress())) {
      throw new EthrDidException(EthrDidException.Reason.NOT_OWNER, "the signer " + signerAddress()
          + " is not the owner of " + did + "; its owner is " + owner + ". Nothing was sent");
    }
  }

  private EthrDidException unavailable(String what, String detail) {
    return new EthrDidException(EthrDidException.Reason.CHAIN_UNAVAILABLE, "cannot " + what + " on chain " + chainId
        + ": " + detail);
  }

  private static String address(String a, String name) {
    if (a == null || !a.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException(name + " must be a 0x-prefixed 20-byte hex address, found " + a);
    }
    return RegistryAbi.checksum(a);
  }

  private static BigInteger seconds(Duration validity) {
    Objects.requireNonNull(validity, "validity");
    if (validity.isNegative() || validity.isZero() || validity.getSeconds() == 0) {
      throw new IllegalArgumentException("validity must be at least one second, found " + validity);
    }
    return BigInteger.valueOf(validity.getSeconds());
  }

  static Credentials credentials(KeyPair keyPair) {
    Objects.requireNonNull(keyPair, "keyPair");
    if (keyPair.keyType() != KeyType.SECP256K1) {
      throw new IllegalArgumentException("did:ethr owners sign with secp256k1 keys, found " + keyPair.keyType());
    }
    byte[] d = keyPair.privateKeyBytes(SecretAccess.insecure());
    try {
      return Credentials.create(ECKeyPair.create(d));
    } finally {
      Arrays.fill(d, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "EthrDidController{" + did + ", signer=" + signerAddress() + "}";
  }

  /** Builds an {@link EthrDidController}. Not thread-safe. */
  public static final class Builder {
    private Web3j web3j;
    private String registry;
    private long chainId;
    private Credentials signer;
    private KeyPair keyPair;
    private Did did;
    private String network;

    private Builder() {}

    /** The web3j client of the chain. */
    public Builder web3j(Web3j web3j) {
      this.web3j = Objects.requireNonNull(web3j, "web3j");
      return this;
    }

    /** The ERC-1056 registry address. */
    public Builder registry(String registry) {
      this.registry = address(registry, "registry");
      return this;
    }

    /** The chain id (transactions are signed for it, DIDs name it). */
    public Builder chainId(long chainId) {
      if (chainId <= 0) {
        throw new IllegalArgumentException("chainId must be positive, found " + chainId);
      }
      this.chainId = chainId;
      return this;
    }

    /** The owner's key as web3j credentials. */
    public Builder credentials(Credentials credentials) {
      this.signer = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /**
     * The owner's secp256k1 key pair. Without {@link #did(Did)}, the DID is the public-key DID of this key
     * ({@code did:ethr:<chain>:0x02…}).
     */
    public Builder keyPair(KeyPair keyPair) {
      this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
      return this;
    }

    /** The DID to control, when it is not the signer's own (e.g. after a rotation). */
    public Builder did(Did did) {
      this.did = Objects.requireNonNull(did, "did");
      return this;
    }

    /** Name the network in DIDs this controller makes with this name instead of the hex chain id. */
    public Builder networkName(String network) {
      this.network = Objects.requireNonNull(network, "network");
      return this;
    }

    /**
     * Builds the controller.
     *
     * @throws IllegalStateException when web3j, registry, chain id or the signer is missing, or both credentials
     *     and a key pair are given
     * @throws IllegalArgumentException when the DID is not a did:ethr
     */
    public EthrDidController build() {
      if (web3j == null || registry == null || chainId == 0) {
        throw new IllegalStateException("set web3j, registry and chainId");
      }
      if ((signer == null) == (keyPair == null)) {
        throw new IllegalStateException("set exactly one of credentials and keyPair");
      }
      Credentials c = signer != null ? signer : EthrDidController.credentials(keyPair);
      Did d = did;
      if (d == null) {
        String address = RegistryAbi.checksum(c.getAddress());
        if (keyPair != null) {
          d = network != null ? EthrDid.fromPublicKey(network, keyPair.publicJwk())
              : EthrDid.fromPublicKey(chainId, keyPair.publicJwk());
        } else {
          d = network != null ? EthrDid.fromAddress(network, address) : EthrDid.fromAddress(chainId, address);
        }
      }
      return new EthrDidController(web3j, registry, chainId, c, d);
    }
  }
}
