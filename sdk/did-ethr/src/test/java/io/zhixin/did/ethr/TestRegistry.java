package io.zhixin.did.ethr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import io.zhixin.testkit.DevChain;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/** Test helpers: deploys EthereumDIDRegistry from its Hardhat artifact; reads block times. */
final class TestRegistry {
  private TestRegistry() {}

  /** Deploys a fresh registry with dev account {@code account} and returns its address. */
  static String deploy(DevChain chain, int account) throws Exception {
    String dir = System.getProperty("zhixin.contracts.dir");
    if (dir == null) {
      throw new IllegalStateException("system property zhixin.contracts.dir is not set (run through Maven)");
    }
    Path artifact = Path.of(dir, "artifacts", "contracts", "EthereumDIDRegistry.sol", "EthereumDIDRegistry.json");
    JsonNode json = new ObjectMapper().readTree(Files.readString(artifact));
    String bytecode = json.get("bytecode").asText();
    RawTransactionManager tm = new RawTransactionManager(chain.web3j(), chain.account(account), chain.chainId());
    BigInteger gasPrice = chain.web3j().ethGasPrice().send().getGasPrice();
    EthSendTransaction sent = tm.sendTransaction(gasPrice, BigInteger.valueOf(3_000_000), null, bytecode,
        BigInteger.ZERO, true);
    if (sent.hasError()) {
      throw new IllegalStateException("deployment refused: " + sent.getError().getMessage());
    }
    TransactionReceipt receipt = new PollingTransactionReceiptProcessor(chain.web3j(), 100, 600)
        .waitForTransactionReceipt(sent.getTransactionHash());
    if (!receipt.isStatusOK() || receipt.getContractAddress() == null) {
      throw new IllegalStateException("deployment failed: " + receipt);
    }
    return receipt.getContractAddress();
  }

  /** A zhixin secp256k1 key pair holding the same key as web3j credentials. */
  static KeyPair keyPair(Credentials c) {
    return KeyPair.fromPrivateKeyBytes(KeyType.SECP256K1, Numeric.toBytesPadded(c.getEcKeyPair().getPrivateKey(), 32));
  }

  static long timestamp(DevChain chain, BigInteger block) throws IOException {
    return chain.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(block), false).send().getBlock()
        .getTimestamp().longValueExact();
  }

  /**
   * Waits until the wall clock is past {@code block}'s timestamp, so that a delegate revoked in that block (valid
   * through its timestamp, as resolvers read it) has expired for a resolver using the system clock. Dev chains can
   * run a few seconds ahead of the wall clock when they mine many blocks quickly.
   */
  static void awaitPast(DevChain chain, BigInteger block) throws Exception {
    long ts = timestamp(chain, block);
    long deadline = System.currentTimeMillis() + 30_000;
    while (Instant.now().getEpochSecond() <= ts) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("the chain's clock is more than 30 s ahead of this machine's");
      }
      Thread.sleep(100);
    }
  }
}
