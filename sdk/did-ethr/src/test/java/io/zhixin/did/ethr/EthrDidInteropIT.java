package io.zhixin.did.ethr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhixin.did.Did;
import io.zhixin.did.DidResolutionResult;
import io.zhixin.did.DidResolver;
import io.zhixin.did.ethr.internal.RegistryAbi;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Interop with the reference did:ethr resolver: after a dev-chain scenario, ethr-did-resolver 11.1.3
 * ({@code conformance-tests/interop-ethr/resolve.mjs}) and {@link EthrDidMethod} resolve the same DIDs, and their
 * documents and metadata must be equal as JSON trees.
 */
@WithDevChain
class EthrDidInteropIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration YEAR = Duration.ofDays(365);
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void documentsEqualTheReferenceResolvers(DevChain chain) throws Exception {
    Path script = interopDir();
    String registry = TestRegistry.deploy(chain, 0);
    long chainId = chain.chainId();
    EthrDidMethod method = EthrDidMethod.builder().network(EthrNetwork.builder().chainId(chainId)
        .web3j(chain.web3j()).registry(registry).name("dev").build()).build();
    DidResolver resolver = DidResolver.builder().method(method).cacheTtl(Duration.ZERO).build();
    List<String> dids = new ArrayList<>();

    // A: a public-key DID that never changed.
    dids.add(EthrDid.fromPublicKey(chainId, TestRegistry.keyPair(chain.account(10)).publicJwk()).toString());

    // B: a public-key DID with every kind of change, rotated at the end.
    Credentials bOwner = chain.account(11);
    EthrDidController b = controller(chain, registry).keyPair(TestRegistry.keyPair(bOwner)).build();
    KeyPair secp = KeyPair.generate(KeyType.SECP256K1);
    KeyPair ed = KeyPair.generate(KeyType.ED25519);
    b.addAssertionKey(secp.publicJwk(), YEAR);
    b.addAssertionKey(ed.publicJwk(), YEAR);
    b.setAttribute("did/pub/X25519/enc/base64", random(32), YEAR);
    b.setAttribute("did/pub/Ed25519/sigAuth/base58", withLeadingZero(random(32)), YEAR);
    b.setAttribute("did/pub/RSA/veriKey/pem", "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----"
        .getBytes(StandardCharsets.UTF_8), YEAR);
    b.setAttribute("did/pub/Secp256k1/veriKey", random(33), YEAR);
    b.setAttribute("not/a/did/attribute", random(4), YEAR);
    TransactionReceipt middle = b.addDelegate(DelegateType.SIG_AUTH, chain.account(12).getAddress(), YEAR);
    b.addDelegate(DelegateType.VERI_KEY, chain.account(13).getAddress(), YEAR);
    TransactionReceipt shortLived = b.addDelegate(DelegateType.VERI_KEY, chain.account(14).getAddress(),
        Duration.ofSeconds(1));
    b.addService("LinkedDomains", "https://chancheng.example", YEAR);
    b.addService("DIDCommMessaging", "{\"uri\":\"https://m.chancheng.example\",\"accept\":[\"didcomm/v2\"]}", YEAR);
    b.revokeService("LinkedDomains", "https://chancheng.example");
    b.revokeAssertionKey(secp.publicJwk());
    TransactionReceipt revoked = b.revokeDelegate(DelegateType.SIG_AUTH, chain.account(12).getAddress());
    b.addDelegate(DelegateType.SIG_AUTH, chain.account(12).getAddress(), YEAR);
    b.changeOwner(chain.account(15).getAddress());
    b.withOwner(chain.account(15)).addService("Hub", "https://hub.chancheng.example", YEAR);
    String bDid = b.did().toString();
    dids.add(bDid);
    dids.add("did:ethr:dev:" + EthrDid.parse(b.did()).publicKeyHex().orElseThrow());
    // The same identity as an address DID, written in lowercase.
    dids.add("did:ethr:0x7a69:" + b.identity().toLowerCase());
    dids.add(bDid + "?versionId=" + middle.getBlockNumber());

    // C: an address DID with a delegate, deactivated, then changed again by its own key (which the registry allows
    // after a zero owner, and which resolvers must ignore).
    Credentials cKey = chain.account(16);
    EthrDidController c = controller(chain, registry).credentials(cKey).build();
    c.addDelegate(DelegateType.SIG_AUTH, chain.account(17).getAddress(), YEAR);
    c.deactivate();
    sendRaw(chain, cKey, registry, RegistryAbi.setAttribute(c.identity(), "did/svc/Late",
        "https://late.example".getBytes(StandardCharsets.UTF_8), BigInteger.valueOf(3600)));
    dids.add(c.did().toString());

    // D: three changes mined in one block (the replay must keep their log order and follow the earliest
    // previousChange out of the block), then one more.
    Credentials dKey = chain.account(18);
    EthrDidController dController = controller(chain, registry).credentials(dKey).build();
    String dId = dController.identity();
    withoutAutomine(chain, () -> {
      RawTransactionManager tm = new RawTransactionManager(chain.web3j(), dKey, chainId);
      BigInteger gasPrice = chain.web3j().ethGasPrice().send().getGasPrice();
      List<String> hashes = new ArrayList<>();
      for (String data : List.of(
          RegistryAbi.setAttribute(dId, "did/svc/First", "https://1.example".getBytes(StandardCharsets.UTF_8),
              BigInteger.valueOf(3600)),
          RegistryAbi.addDelegate(dId, "veriKey", chain.account(19).getAddress(), BigInteger.valueOf(3600)),
          RegistryAbi.setAttribute(dId, "did/svc/Second", "https://2.example".getBytes(StandardCharsets.UTF_8),
              BigInteger.valueOf(3600)))) {
        EthSendTransaction sent = tm.sendTransaction(gasPrice, BigInteger.valueOf(200_000), registry, data,
            BigInteger.ZERO);
        assertThat(sent.hasError()).as("%s", sent.getError() == null ? "" : sent.getError().getMessage()).isFalse();
        hashes.add(sent.getTransactionHash());
      }
      return hashes;
    });
    dController.addDelegate(DelegateType.SIG_AUTH, chain.account(19).getAddress(), YEAR);
    dids.add(dController.did().toString());

    // Let the short-lived delegate expire and the revocation's second pass, for both resolvers alike.
    awaitPast(Math.max(TestRegistry.timestamp(chain, shortLived.getBlockNumber()) + 1,
        TestRegistry.timestamp(chain, revoked.getBlockNumber())));

    List<JsonNode> ours = new ArrayList<>();
    for (String did : dids) {
      int q = did.indexOf("?versionId=");
      DidResolutionResult r = q < 0 ? resolver.resolve(did)
          : method.resolveVersion(Did.parse(did.substring(0, q)), Long.parseLong(did.substring(q + 11)));
      assertThat(r.isSuccess()).as("%s: %s", did, r).isTrue();
      ours.add(JSON.readTree(r.toJson()));
    }
    JsonNode theirs = runReference(script, chain.rpcUrl(), registry, chainId, dids);
    // Both sides, for whoever reads a failure.
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("interop-ethr-reference.json"), theirs.toPrettyString());
      Files.writeString(target.resolve("interop-ethr-zhixin.json"), JSON.valueToTree(ours).toPrettyString());
    }
    assertThat(theirs.size()).isEqualTo(dids.size());

    for (int i = 0; i < dids.size(); i++) {
      JsonNode ref = theirs.get(i);
      JsonNode own = ours.get(i);
      assertThat(ref.path("didResolutionMetadata").has("error")).as("reference error for %s: %s", dids.get(i), ref)
          .isFalse();
      assertThat(own.get("didDocument")).as("document of %s", dids.get(i)).isEqualTo(ref.get("didDocument"));
      ObjectNode refMeta = ((ObjectNode) ref.get("didDocumentMetadata")).deepCopy();
      // DidDocumentMetadata has no nextVersionId/nextUpdate (the block after a historical version).
      refMeta.remove(List.of("nextVersionId", "nextUpdate"));
      assertThat(own.get("didDocumentMetadata")).as("metadata of %s", dids.get(i)).isEqualTo(refMeta);
      assertThat(own.at("/didResolutionMetadata/contentType"))
          .isEqualTo(ref.at("/didResolutionMetadata/contentType"));
    }
    // The scenario did reach the interesting states.
    JsonNode dDoc = ours.get(6).get("didDocument");
    assertThat(dDoc.at("/service/0/type").asText()).isEqualTo("First");
    assertThat(dDoc.at("/service/1/type").asText()).isEqualTo("Second");
    assertThat(dDoc.at("/verificationMethod").size()).isEqualTo(3);
    assertThat(ours.get(1).at("/didDocument/verificationMethod").size()).isGreaterThan(5);
    assertThat(ours.get(1).at("/didDocument/service").size()).isEqualTo(2);
    assertThat(ours.get(5).at("/didDocumentMetadata/deactivated").asBoolean()).isTrue();
  }

  private static EthrDidController.Builder controller(DevChain chain, String registry) {
    return EthrDidController.builder().web3j(chain.web3j()).chainId(chain.chainId()).registry(registry);
  }

  interface Sends {
    List<String> send() throws Exception;
  }

  /** Sends transactions with automining off, mines them in one block, and turns automining back on. */
  private static void withoutAutomine(DevChain chain, Sends sends) throws Exception {
    HttpService rpc = new HttpService(chain.rpcUrl());
    List<String> hashes;
    new Request<>("evm_setAutomine", List.of(false), rpc, VoidResponse.class).send();
    try {
      hashes = sends.send();
      new Request<>("evm_mine", List.of(), rpc, VoidResponse.class).send();
    } finally {
      new Request<>("evm_setAutomine", List.of(true), rpc, VoidResponse.class).send();
    }
    BigInteger block = null;
    for (String hash : hashes) {
      TransactionReceipt receipt = new PollingTransactionReceiptProcessor(chain.web3j(), 100, 600)
          .waitForTransactionReceipt(hash);
      assertThat(receipt.isStatusOK()).isTrue();
      assertThat(block == null || block.equals(receipt.getBlockNumber())).as("mined in one block").isTrue();
      block = receipt.getBlockNumber();
    }
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static byte[] withLeadingZero(byte[] b) {
    b[0] = 0;
    return b;
  }

  private static void sendRaw(DevChain chain, Credentials from, String to, String data) throws Exception {
    RawTransactionManager tm = new RawTransactionManager(chain.web3j(), from, chain.chainId());
    BigInteger gasPrice = chain.web3j().ethGasPrice().send().getGasPrice();
    EthSendTransaction sent = tm.sendTransaction(gasPrice, BigInteger.valueOf(200_000), to, data, BigInteger.ZERO);
    assertThat(sent.hasError()).as("%s", sent.getError() == null ? "" : sent.getError().getMessage()).isFalse();
    TransactionReceipt receipt = new PollingTransactionReceiptProcessor(chain.web3j(), 100, 600)
        .waitForTransactionReceipt(sent.getTransactionHash());
    assertThat(receipt.isStatusOK()).isTrue();
  }

  private static void awaitPast(long epochSecond) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (Instant.now().getEpochSecond() <= epochSecond && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
  }

  private static Path interopDir() {
    String dir = System.getProperty("zhixin.interop.ethr.dir");
    if (dir == null) {
      throw new IllegalStateException("system property zhixin.interop.ethr.dir is not set (run through Maven)");
    }
    return Path.of(dir);
  }

  /** Runs {@code npm ci} once (when node_modules is missing), then the reference resolver script. */
  private static JsonNode runReference(Path dir, String rpcUrl, String registry, long chainId, List<String> dids)
      throws IOException, InterruptedException {
    if (!Files.isDirectory(dir.resolve("node_modules"))) {
      run(dir, List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), 300);
    }
    List<String> cmd = new ArrayList<>(List.of("node", "resolve.mjs", "--rpc-url", rpcUrl, "--registry", registry,
        "--chain-id", Long.toString(chainId), "--name", "dev"));
    cmd.addAll(dids);
    return JSON.readTree(run(dir, cmd, 120));
  }

  private static String run(Path dir, List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
    Path out = Files.createTempFile("interop-ethr", ".out");
    Path err = Files.createTempFile("interop-ethr", ".err");
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
          .redirectError(err.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", cmd.subList(0, 2)) + " did not finish in " + timeoutSeconds + " s");
      }
      if (p.exitValue() != 0) {
        throw new AssertionError(String.join(" ", cmd.subList(0, 2)) + " exited with " + p.exitValue() + ": "
            + Files.readString(err));
      }
      return Files.readString(out);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
