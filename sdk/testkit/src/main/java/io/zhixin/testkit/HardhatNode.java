package io.zhixin.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One Hardhat node process, started through the guard script {@code scripts/devnode.mjs}. */
final class HardhatNode {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final String rpcUrl;
  private final Path log;
  private final Thread shutdownHook;
  private boolean stopped;

  private HardhatNode(Process process, String rpcUrl, Path log) {
    this.process = process;
    this.rpcUrl = rpcUrl;
    this.log = log;
    this.shutdownHook = new Thread(this::stop, "zhixin-devchain-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  static HardhatNode start(ContractsProject project) {
    DevChainException last = null;
    // A free port can be taken by someone else before the node binds it: try a few.
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      HardhatNode node = launch(project, freeLoopbackPort());
      try {
        node.awaitReady();
        return node;
      } catch (DevChainException e) {
        node.stop();
        last = e;
      }
    }
    throw last;
  }

  private static HardhatNode launch(ContractsProject project, int port) {
    try {
      Path log = Files.createTempFile("zhixin-devchain-", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(List.of(
                  project.node().toString(), project.devNodeScript().toString(), Integer.toString(port)))
              .directory(project.dir().toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      // stdin stays a pipe: when this JVM dies, the pipe closes and the guard stops the node.
      builder.redirectInput(ProcessBuilder.Redirect.PIPE);
      Process process = builder.start();
      return new HardhatNode(process, "http://127.0.0.1:" + port, log);
    } catch (IOException e) {
      throw new DevChainException("cannot start the Hardhat node: " + e.getMessage(), e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new DevChainException("the Hardhat node exited with " + process.exitValue() + ":\n" + logTail());
      }
      if (JsonRpc.answers(rpcUrl)) {
        return;
      }
      sleep(50);
    }
    throw new DevChainException("the Hardhat node did not answer eth_chainId within " + READY_TIMEOUT.toSeconds() + " s:\n" + logTail());
  }

  String rpcUrl() {
    return rpcUrl;
  }

  /** Stops the guard and the node under it; waits until both are gone. */
  synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // we are the hook
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // The guard stops its child on SIGTERM; make sure of it anyway.
    for (ProcessHandle child : children) {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // a temp file left behind is harmless
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevChainException("interrupted while waiting for the Hardhat node", e);
    }
  }
}
