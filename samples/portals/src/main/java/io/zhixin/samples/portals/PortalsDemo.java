package io.zhixin.samples.portals;

import io.zhixin.testkit.DevChain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code zhixin demo --serve}: the portals on loopback for a person with a browser and the command-line wallet. Sets
 * up the district on the given chain, starts the portals, gives the demo citizen a wallet in a temporary folder
 * (credentials received over OpenID4VCI), prints the URLs and the wallet command, and waits until the JVM is told to
 * stop (Ctrl-C); then stops the servers and deletes the folder. The chain is the caller's to stop.
 */
public final class PortalsDemo {
  private PortalsDemo() {}

  /** Runs until the process is interrupted (Ctrl-C) or {@code stop} counts down. */
  public static void serve(DevChain chain, PrintWriter out, CountDownLatch stop) {
    Path home;
    try {
      home = Files.createTempDirectory("zhixin-serve-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder for the demo wallet", e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        stopped.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "zhixin-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      out.println("Zhixin portals: Chancheng district (禅城区) on " + (chain.isEmbedded() ? "an embedded dev chain at "
          : "the node at ") + chain.rpcUrl() + ", chain id " + chain.chainId());
      out.println("  setting up: contracts, bureaus (DIDs confirmed by their accounts, accredited on chain), the transport subsidy programme…");
      out.flush();
      try (Portals portals = Portals.start(chain)) {
        Path wallet = home.resolve("wallet");
        Path passwordFile = home.resolve("wallet-password");
        String password = randomPassword();
        Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
        try {
          Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
          // not a POSIX file system: the temporary folder is the user's own
        }
        String holder = portals.provisionDemoWallet(wallet, password.toCharArray());
        out.println();
        portals.printUrls(out);
        out.println();
        out.println("The demo citizen " + Portals.CITIZEN_NAME + " (aged over 60, agent of " + Portals.COMPANY_NAME
            + ") has a wallet:");
        out.println("  " + wallet + "  (holder " + abbreviate(holder) + ")");
        out.println("  identity credential, credit-score credential (智信分; epoch published on chain), the company's");
        out.println("  legal-entity credential and its authorisation (mandate)");
        out.println();
        out.println("To log in (扫码登录): open the citizen portal, unfold 命令行钱包 / Command-line wallet under the QR code,");
        out.println("copy the openid4vp:// request URI and run:");
        out.println("  ./zhixin wallet present 'REQUEST_URI' --wallet " + wallet + " --password-file " + passwordFile
            + " --approve '*'");
        out.println("(without --approve it shows who asks, why and for what, and sends nothing). The same works for each");
        out.println("service's form and for the bank's loan pre-check; a credential offer (居住证明, 老年人资格) is taken with");
        out.println("  ./zhixin wallet receive 'OFFER_URI' --tx-code CODE --wallet " + wallet + " --password-file "
            + passwordFile);
        out.println();
        out.println("Press Ctrl-C to stop (servers and the dev chain).");
        out.flush();
        stop.await();
        out.println("stopping the portals…");
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(home);
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it waits for us
      }
    }
  }

  private static String randomPassword() {
    byte[] b = new byte[18];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String abbreviate(String did) {
    return did.length() > 40 ? did.substring(0, 32) + "…" : did;
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder left behind
    }
  }
}
