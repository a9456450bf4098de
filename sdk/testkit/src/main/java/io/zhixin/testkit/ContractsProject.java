package io.zhixin.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The Hardhat project in {@code contracts/}, and the Node (22 or newer) that runs it. */
record ContractsProject(Path dir, Path node) {
  static final String DIR_PROPERTY = "zhixin.contracts.dir";
  static final String DIR_ENV = "ZHIXIN_CONTRACTS_DIR";

  Path devNodeScript() {
    return dir.resolve("scripts").resolve("devnode.mjs");
  }

  /**
   * Finds {@code contracts/} from the system property, the environment, or by walking up from the
   * working directory, and checks that its npm packages are installed.
   */
  static ContractsProject locate() {
    Path dir = configuredDir();
    if (dir == null) {
      for (Path p = Path.of("").toAbsolutePath(); p != null && dir == null; p = p.getParent()) {
        if (Files.isRegularFile(p.resolve("contracts").resolve("hardhat.config.js"))) {
          dir = p.resolve("contracts");
        }
      }
    }
    if (dir == null || !Files.isRegularFile(dir.resolve("hardhat.config.js"))) {
      throw new DevChainException(
          "cannot find the Zhixin contracts project (contracts/hardhat.config.js): run from the repository, set -D"
              + DIR_PROPERTY + " or " + DIR_ENV + ", or point " + DevChain.RPC_URL_ENV + " at a running node");
    }
    if (!Files.isDirectory(dir.resolve("node_modules").resolve("hardhat"))) {
      throw new DevChainException("Hardhat is not installed in " + dir + ": build the project first (./mvnw install -DskipTests)");
    }
    return new ContractsProject(dir, findNode(dir));
  }

  private static Path configuredDir() {
    String configured = System.getProperty(DIR_PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = System.getenv(DIR_ENV);
    }
    return configured == null || configured.isBlank() ? null : Path.of(configured).toAbsolutePath().normalize();
  }

  /** Asks the build script, which installs Node 22 from the npm registry when the machine's is older. */
  private static Path findNode(Path dir) {
    try {
      Process process = new ProcessBuilder("node", "scripts/build.mjs", "node")
          .directory(dir.toFile())
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0 || out.isEmpty()) {
        throw new DevChainException("cannot find or install Node 22 for Hardhat (scripts/build.mjs node failed)");
      }
      return Path.of(out);
    } catch (IOException e) {
      throw new DevChainException("cannot run node (Node 20 or newer must be on PATH): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevChainException("interrupted while looking for Node", e);
    }
  }
}
