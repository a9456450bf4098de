package io.zhixin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameterName;

class DevChainIT {
  @Test
  void startsAFundedDevChainAndStopsIt() throws Exception {
    String rpcUrl;
    try (DevChain chain = DevChain.embedded()) {
      rpcUrl = chain.rpcUrl();
      assertThat(rpcUrl).startsWith("http://127.0.0.1:");
      assertThat(chain.chainId()).isEqualTo(31337);
      BigInteger balance = chain.web3j()
          .ethGetBalance(chain.account(0).getAddress(), DefaultBlockParameterName.LATEST).send().getBalance();
      assertThat(balance).isPositive();
    }
    assertThat(JsonRpc.answers(rpcUrl)).as("node still answering after close()").isFalse();
  }

  /** The JVM is killed without running shutdown hooks: the guard must still stop the node. */
  @Test
  void stopsTheNodeWhenTheJvmDiesAbruptly() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(
            java.toString(),
            "-cp", System.getProperty("java.class.path"),
            "-D" + ContractsProject.DIR_PROPERTY + "=" + System.getProperty(ContractsProject.DIR_PROPERTY, ""),
            HaltingMain.class.getName())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String rpcUrl = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(rpcUrl).startsWith("http://127.0.0.1:");

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (JsonRpc.answers(rpcUrl) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(JsonRpc.answers(rpcUrl)).as("node still answering after its JVM died").isFalse();
  }

  /** Starts a chain, prints its URL and halts the JVM without shutdown hooks, as a crash would. */
  public static final class HaltingMain {
    public static void main(String[] args) {
      DevChain chain = DevChain.embedded();
      System.out.println(chain.rpcUrl());
      System.out.flush();
      Runtime.getRuntime().halt(3);
    }
  }
}
