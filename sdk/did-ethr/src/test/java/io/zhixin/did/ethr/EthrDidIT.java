package io.zhixin.did.ethr;

import static io.zhixin.did.VerificationRelationship.ASSERTION_METHOD;
import static io.zhixin.did.VerificationRelationship.AUTHENTICATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.OctetKeyPair;
import io.zhixin.did.Did;
import io.zhixin.did.DidDocument;
import io.zhixin.did.DidResolutionResult;
import io.zhixin.did.DidResolver;
import io.zhixin.did.ResolutionError;
import io.zhixin.did.VerificationMethod;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** did:ethr on the dev chain: create, publish a key, delegate, rotate, revoke, deactivate, resolving after each step. */
@WithDevChain
class EthrDidIT {
  private static final Duration YEAR = Duration.ofDays(365);

  private static DidResolver resolver(EthrDidMethod method) {
    return DidResolver.builder().method(method).cacheTtl(Duration.ZERO).build();
  }

  private static EthrDidMethod method(DevChain chain, String registry) {
    return EthrDidMethod.builder().network(EthrNetwork.builder().chainId(chain.chainId()).web3j(chain.web3j())
        .registry(registry).name("dev").build()).build();
  }

  private static List<String> ids(DidDocument doc) {
    return doc.verificationMethods().stream().map(VerificationMethod::id).toList();
  }

  private static String checksum(Credentials c) {
    return EthrDid.parse(EthrDid.fromAddress(1, c.getAddress())).address();
  }

  private static void assertVersion(DevChain chain, DidResolutionResult r, TransactionReceipt receipt)
      throws Exception {
    BigInteger block = receipt.getBlockNumber();
    assertThat(r.documentMetadata().versionId()).contains(block.toString());
    assertThat(r.documentMetadata().updated()).contains(Instant.ofEpochSecond(TestRegistry.timestamp(chain, block)));
  }

  @Test
  void lifecycle_keyDelegateRotationRevocationDeactivation(DevChain chain) throws Exception {
    String registry = TestRegistry.deploy(chain, 0);
    EthrDidMethod method = method(chain, registry);
    DidResolver resolver = resolver(method);
    Credentials ownerAccount = chain.account(5);
    Credentials newOwner = chain.account(6);
    Credentials delegate = chain.account(7);
    KeyPair ownerKey = TestRegistry.keyPair(ownerAccount);
    String tag = "eip155:" + chain.chainId() + ":";

    // 1. Create: a public-key DID needs no transaction.
    EthrDidController controller = EthrDidController.builder().web3j(chain.web3j()).chainId(chain.chainId())
        .registry(registry).keyPair(ownerKey).build();
    Did did = controller.did();
    String d = did.toString();
    String keyHex = EthrDid.compressedKeyHex(ownerKey.publicJwk());
    assertThat(d).isEqualTo("did:ethr:0x7a69:" + keyHex);
    assertThat(controller.identity()).isEqualTo(checksum(ownerAccount));
    DidResolutionResult r = resolver.resolve(did);
    DidDocument doc = r.orElseThrow();
    assertThat(ids(doc)).containsExactly(d + "#controller", d + "#controllerKey");
    assertThat(doc.verificationMethod("#controller").orElseThrow().property("blockchainAccountId"))
        .contains(tag + checksum(ownerAccount));
    assertThat(doc.verificationMethod("#controllerKey").orElseThrow().type())
        .isEqualTo("EcdsaSecp256k1VerificationKey2019");
    assertThat(doc.verificationMethod("#controllerKey").orElseThrow().property("publicKeyHex"))
        .contains(keyHex.substring(2));
    assertThat(doc.references(AUTHENTICATION)).containsExactly(d + "#controller", d + "#controllerKey");
    assertThat(EthrKeys.publicJwk(doc.verificationMethod("#controllerKey").orElseThrow()))
        .contains(ownerKey.publicJwk());
    assertThat(EthrKeys.accountAddress(doc.verificationMethod("#controller").orElseThrow()))
        .contains(checksum(ownerAccount));
    assertThat(r.documentMetadata().versionId()).isEmpty();
    assertThat(r.documentMetadata().deactivated()).isFalse();
    // The network's name resolves the same identity.
    assertThat(resolver.resolve("did:ethr:dev:" + keyHex).isSuccess()).isTrue();

    // 2. Publish an Ed25519 assertion key.
    KeyPair ed = KeyPair.generate(KeyType.ED25519);
    TransactionReceipt keyAdded = controller.addAssertionKey(ed.publicJwk(), YEAR);
    r = resolver.resolve(did);
    doc = r.orElseThrow();
    VerificationMethod edMethod = doc.verificationMethod("#delegate-1").orElseThrow();
    assertThat(edMethod.type()).isEqualTo("Ed25519VerificationKey2018");
    assertThat(edMethod.property("publicKeyBase64"))
        .contains(Base64.getEncoder().encodeToString(((OctetKeyPair) ed.publicJwk()).getX().decode()));
    assertThat(doc.relationshipsOf(edMethod.id())).isEqualTo(Set.of(ASSERTION_METHOD));
    assertThat(EthrKeys.publicJwk(edMethod)).contains(ed.publicJwk());
    assertVersion(chain, r, keyAdded);

    // 3. A sigAuth delegate and a service.
    controller.addDelegate(DelegateType.SIG_AUTH, delegate.getAddress(), YEAR);
    TransactionReceipt serviceAdded = controller.addService("LinkedDomains", "https://chancheng.example", YEAR);
    r = resolver.resolve(did);
    doc = r.orElseThrow();
    assertThat(ids(doc)).containsExactly(d + "#controller", d + "#controllerKey", d + "#delegate-1",
        d + "#delegate-2");
    assertThat(doc.verificationMethod("#delegate-2").orElseThrow().property("blockchainAccountId"))
        .contains(tag + checksum(delegate));
    assertThat(doc.references(AUTHENTICATION)).containsExactly(d + "#controller", d + "#controllerKey",
        d + "#delegate-2");
    assertThat(doc.references(ASSERTION_METHOD)).containsExactly(d + "#controller", d + "#controllerKey",
        d + "#delegate-1", d + "#delegate-2");
    assertThat(doc.toJson()).contains("\"id\":\"" + d + "#service-1\"", "\"type\":\"LinkedDomains\"",
        "\"serviceEndpoint\":\"https://chancheng.example\"");
    assertVersion(chain, r, serviceAdded);

    // 4. Rotate the owner key: #controller moves, #controllerKey goes, the old key can no longer change the DID.
    TransactionReceipt rotatedAt = controller.changeOwner(newOwner.getAddress());
    r = resolver.resolve(did);
    doc = r.orElseThrow();
    assertThat(doc.verificationMethod("#controller").orElseThrow().property("blockchainAccountId"))
        .contains(tag + checksum(newOwner));
    assertThat(ids(doc)).containsExactly(d + "#controller", d + "#delegate-1", d + "#delegate-2");
    assertVersion(chain, r, rotatedAt);
    assertThat(controller.owner()).isEqualTo(checksum(newOwner));
    BigInteger nonce = chain.web3j().ethGetTransactionCount(ownerAccount.getAddress(),
        DefaultBlockParameterName.LATEST).send().getTransactionCount();
    assertThatThrownBy(() -> controller.addService("Hub", "https://x.example", YEAR))
        .isInstanceOfSatisfying(EthrDidException.class,
            e -> assertThat(e.reason()).isEqualTo(EthrDidException.Reason.NOT_OWNER))
        .hasMessageContaining(checksum(newOwner));
    assertThat(chain.web3j().ethGetTransactionCount(ownerAccount.getAddress(), DefaultBlockParameterName.LATEST)
        .send().getTransactionCount()).isEqualTo(nonce);
    EthrDidController rotated = controller.withOwner(newOwner);

    // 5. Revoke the delegate; a later delegate gets #delegate-4 (the revocation used up 3).
    TransactionReceipt revokedAt = rotated.revokeDelegate(DelegateType.SIG_AUTH, delegate.getAddress());
    TestRegistry.awaitPast(chain, revokedAt.getBlockNumber());
    doc = resolver.resolve(did).orElseThrow();
    assertThat(ids(doc)).containsExactly(d + "#controller", d + "#delegate-1");
    assertThat(doc.references(AUTHENTICATION)).containsExactly(d + "#controller");
    TransactionReceipt veriKeyAt = rotated.addDelegate(DelegateType.VERI_KEY, delegate.getAddress(), YEAR);
    r = resolver.resolve(did);
    doc = r.orElseThrow();
    assertThat(ids(doc)).containsExactly(d + "#controller", d + "#delegate-1", d + "#delegate-4");
    assertThat(doc.references(AUTHENTICATION)).containsExactly(d + "#controller");
    assertThat(doc.references(ASSERTION_METHOD)).containsExactly(d + "#controller", d + "#delegate-1",
        d + "#delegate-4");
    assertVersion(chain, r, veriKeyAt);

    // 6. Earlier versions stay resolvable: the document as of the key's block.
    DidResolutionResult old = method.resolveVersion(did, keyAdded.getBlockNumber().longValueExact());
    assertThat(ids(old.orElseThrow())).containsExactly(d + "#controller", d + "#controllerKey", d + "#delegate-1");
    assertVersion(chain, old, keyAdded);
    long future = veriKeyAt.getBlockNumber().longValueExact() + 1_000_000;
    assertThat(method.resolveVersion(did, future).error()).contains(ResolutionError.NOT_FOUND);

    // 7. Deactivate: an empty document, deactivated metadata; its keys no longer dereference.
    TransactionReceipt deactivatedAt = rotated.deactivate();
    r = resolver.resolve(did);
    assertThat(r.isSuccess()).isTrue();
    assertThat(r.documentMetadata().deactivated()).isTrue();
    assertThat(r.orElseThrow().verificationMethods()).isEmpty();
    assertThat(r.orElseThrow().references(AUTHENTICATION)).isEmpty();
    assertVersion(chain, r, deactivatedAt);
    assertThat(resolver.dereference(d + "#delegate-1").error()).contains(ResolutionError.DEACTIVATED);
    assertThatThrownBy(() -> rotated.addService("Hub", "https://x.example", YEAR))
        .isInstanceOfSatisfying(EthrDidException.class,
            e -> assertThat(e.reason()).isEqualTo(EthrDidException.Reason.DEACTIVATED));
    // The registry gives the identity back to its own key after a zero owner, but the DID stays deactivated.
    assertThat(controller.owner()).isEqualTo(checksum(ownerAccount));
    assertThatThrownBy(() -> controller.changeOwner(newOwner.getAddress()))
        .isInstanceOfSatisfying(EthrDidException.class,
            e -> assertThat(e.reason()).isEqualTo(EthrDidException.Reason.DEACTIVATED));
  }

  @Test
  void resolve_unusedAddressDid_controllerOnly(DevChain chain) throws Exception {
    String registry = TestRegistry.deploy(chain, 0);
    DidResolver resolver = resolver(method(chain, registry));
    String address = "0x00000000000000000000000000000000000000aa";
    DidResolutionResult r = resolver.resolve("did:ethr:0x7a69:" + address);
    assertThat(ids(r.orElseThrow())).containsExactly("did:ethr:0x7a69:" + address + "#controller");
    assertThat(r.orElseThrow().verificationMethods().get(0).property("blockchainAccountId"))
        .contains("eip155:31337:0x00000000000000000000000000000000000000AA");
    assertThat(r.documentMetadata().versionId()).isEmpty();
  }

  @Test
  void resolve_historyLongerThanTheLimit_internalError(DevChain chain) throws Exception {
    String registry = TestRegistry.deploy(chain, 0);
    EthrDidController c = EthrDidController.builder().web3j(chain.web3j()).chainId(chain.chainId()).registry(registry)
        .credentials(chain.account(4)).build();
    c.addService("One", "https://1.example", YEAR);
    c.addService("Two", "https://2.example", YEAR);
    EthrNetwork net = EthrNetwork.builder().chainId(chain.chainId()).web3j(chain.web3j()).registry(registry).build();
    DidResolutionResult limited = EthrDidMethod.builder().network(net).maxHistoryBlocks(1).build().resolve(c.did());
    assertThat(limited.error()).contains(ResolutionError.INTERNAL_ERROR);
    assertThat(limited.resolutionMetadata().errorMessage().orElseThrow()).contains("more than 1 blocks");
    assertThat(EthrDidMethod.builder().network(net).maxHistoryBlocks(2).build().resolve(c.did()).isSuccess()).isTrue();
  }

  @Test
  void resolve_wrongRegistryAddress_internalError(DevChain chain) {
    // No contract at this address: eth_call returns no data.
    DidResolver resolver = resolver(method(chain, "0x00000000000000000000000000000000000000bb"));
    DidResolutionResult r = resolver.resolve("did:ethr:0x7a69:0x00000000000000000000000000000000000000aa");
    assertThat(r.error()).contains(ResolutionError.INTERNAL_ERROR);
    assertThat(r.resolutionMetadata().errorMessage().orElseThrow()).contains("is a registry deployed");
  }

  @Test
  void controller_signerNotOwner_refusedBeforeSending(DevChain chain) throws Exception {
    String registry = TestRegistry.deploy(chain, 0);
    Credentials identity = chain.account(8);
    Credentials stranger = chain.account(9);
    EthrDidController c = EthrDidController.builder().web3j(chain.web3j()).chainId(chain.chainId()).registry(registry)
        .credentials(stranger).did(EthrDid.fromAddress(chain.chainId(), identity.getAddress())).build();
    BigInteger nonce = chain.web3j().ethGetTransactionCount(stranger.getAddress(), DefaultBlockParameterName.LATEST)
        .send().getTransactionCount();
    assertThatThrownBy(() -> c.addDelegate(DelegateType.VERI_KEY, stranger.getAddress(), YEAR))
        .isInstanceOfSatisfying(EthrDidException.class,
            e -> assertThat(e.reason()).isEqualTo(EthrDidException.Reason.NOT_OWNER));
    assertThatThrownBy(() -> c.setAttribute("did/svc/" + "x".repeat(30), new byte[0], YEAR))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 32");
    assertThatThrownBy(() -> c.addAssertionKey(KeyPair.generate(KeyType.P256).publicJwk(), YEAR))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(chain.web3j().ethGetTransactionCount(stranger.getAddress(), DefaultBlockParameterName.LATEST).send()
        .getTransactionCount()).isEqualTo(nonce);
  }
}
