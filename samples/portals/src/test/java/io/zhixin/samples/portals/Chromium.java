package io.zhixin.samples.portals;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium for browser tests: installs {@code chromium}, {@code chromium-driver} and CJK fonts
 * with apt when missing, and starts it with a fresh profile and the flags this machine needs (no background
 * networking: the network is closed).
 */
final class Chromium {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  /**
   * Makes sure Chromium and its driver are installed. When that fails the test fails under {@code CI=true} and is
   * skipped, with the reason, otherwise.
   */
  static void ensureInstalled() {
    if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)
        && Files.isDirectory(Path.of("/usr/share/fonts/opentype/noto"))) {
      return;
    }
    String reason;
    try {
      Process p = new ProcessBuilder("bash", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive "
          + "apt-get install -y -qq chromium chromium-driver fonts-noto-cjk").redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(15, TimeUnit.MINUTES)) {
        p.destroyForcibly();
      }
      if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
        return;
      }
      String log = new String(out, StandardCharsets.UTF_8);
      reason = "apt-get could not install chromium and chromium-driver (exit " + p.exitValue() + "): "
          + log.substring(Math.max(0, log.length() - 600));
    } catch (IOException e) {
      reason = "cannot run apt-get to install chromium: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reason = "interrupted while installing chromium";
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("browser tests need Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver); "
          + reason);
    }
    Assumptions.abort("skipped: browser tests need Debian's chromium and chromium-driver; " + reason);
  }

  /** A headless Chromium with a fresh profile in {@code profile}. The caller quits it. */
  static ChromeDriver start(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }
}
