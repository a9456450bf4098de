package io.zhixin.samples.portals;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.zhixin.chain.PrivacyScan;
import io.zhixin.chain.ZhixinChain;
import io.zhixin.credentials.domain.DomainType;
import io.zhixin.testkit.DevChain;
import io.zhixin.wallet.PresentationRequest;
import io.zhixin.wallet.StoredCredential;
import io.zhixin.wallet.Wallet;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portals end to end in a real headless Chromium: the test reads each QR code from a screenshot of the page,
 * the SDK wallet answers the request it encodes, and the page moves on by itself (it polls). Login, a form of each
 * of the four kinds pre-filled from the disclosed claims, a subsidy claimed on chain and refused the second time
 * (from a new browser session), and the bank's loan pre-check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalsBrowserIT {
  private static final char[] PASSWORD = "portal-test-password".toCharArray();
  private static final Path SHOTS = Path.of("target", "portal-screenshots");

  private DevChain chain;
  private Portals portals;
  private Path walletDir;
  private Path profile;
  private ChromeDriver browser;
  private Wallet wallet;

  @BeforeAll
  void start() throws IOException {
    Chromium.ensureInstalled();
    Files.createDirectories(SHOTS);
    chain = DevChain.start();
    portals = Portals.start(chain);
    walletDir = Files.createTempDirectory("zhixin-portal-wallet");
    portals.provisionDemoWallet(walletDir, PASSWORD);
    wallet = portals.openWallet(walletDir, PASSWORD);
    profile = Files.createTempDirectory("zhixin-chromium-profile");
    browser = Chromium.start(profile);
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      try {
        if (wallet != null) {
          wallet.close();
        }
        if (portals != null) {
          portals.close();
        }
      } finally {
        if (chain != null) {
          chain.close();
        }
      }
    }
    if (profile != null) {
      // No browser of this test may outlive it (chromium's helpers take a moment to exit after quit()).
      String left = "";
      for (int i = 0; i < 50; i++) {
        Process p = new ProcessBuilder("pgrep", "-f", "chromium").start();
        left = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        if (left.isEmpty()) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(left).as("chromium processes left running after the test (pgrep -f chromium)").isEmpty();
      delete(profile);
    }
    if (walletDir != null) {
      delete(walletDir);
    }
  }

  @Test
  @Order(1)
  void scanToLogIn_walletAnswers_pageShowsTheCitizen() throws Exception {
    browser.get(portals.citizenUrl());
    assertThat(browser.getPageSource()).contains("扫码登录").contains("Scan to log in");
    String requestUri = scanQr("login-qr", "1-login");
    assertThat(requestUri).startsWith("openid4vp://").contains("request_uri=");
    assertThat(browser.findElement(By.id("request-uri")).getAttribute("textContent")).isEqualTo(requestUri);

    PresentationRequest request = wallet.present(requestUri);
    assertThat(request.verifierAuthenticated()).isTrue();
    assertThat(request.purposes()).containsExactly(CitizenPortal.LOGIN_PURPOSE);
    assertThat(request.requested()).singleElement().satisfies(r -> assertThat(r.claims())
        .containsExactly("name", "subject_id"));
    request.respond(Set.of("*"));

    waitFor(By.id("citizen-name"));
    assertThat(browser.findElement(By.id("citizen-name")).getText()).isEqualTo(Portals.CITIZEN_NAME);
    shot("2-logged-in");
    Cookie cookie = browser.manage().getCookieNamed("zx_citizen");
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.getSameSite()).isEqualTo("Strict");
  }

  @Test
  @Order(2)
  void documentProcessing_formPrefilledFromDisclosedClaims() throws Exception {
    openService("household", "3-household-qr", "name", "subject_id", "resident_id", "registered_area/code",
        "registered_area/name");
    assertThat(value("name")).isEqualTo(Portals.CITIZEN_NAME);
    assertThat(value("resident_id")).isEqualTo(Portals.CITIZEN_ID_NUMBER);
    assertThat(value("area_code")).isEqualTo("440604");
    assertThat(value("area_name")).isEqualTo("广东省佛山市禅城区");
    assertThat(browser.findElement(By.id("name")).getAttribute("readonly")).isNotNull();
    shot("4-household-form");
    browser.findElement(By.id("submit")).click();
    waitFor(By.id("reference"));
    assertThat(browser.findElement(By.id("reference")).getText()).startsWith("HJ-");
  }

  @Test
  @Order(3)
  void certificateIssuance_offerQrGivesTheWalletAResidenceCertificate() throws Exception {
    openService("residence", "5-residence-qr", "name", "subject_id", "registered_area/code", "registered_area/name");
    assertThat(value("name")).isEqualTo(Portals.CITIZEN_NAME);
    assertThat(value("area_code")).isEqualTo("440604");
    browser.findElement(By.id("address")).clear();
    browser.findElement(By.id("address")).sendKeys("佛山市禅城区祖庙路1号");
    browser.findElement(By.id("submit")).click();
    String offerUri = scanQr("offer-qr", "6-residence-offer");
    assertThat(offerUri).startsWith("openid-credential-offer://");
    String txCode = browser.findElement(By.id("tx-code")).getText();
    List<StoredCredential> got = wallet.receive(offerUri, txCode);
    assertThat(got).singleElement().satisfies(c -> assertThat(c.types())
        .contains(DomainType.RESIDENCE_CERTIFICATE.vct()));
  }

  @Test
  @Order(4)
  void qualificationCertification_seniorStatusPrefilledAndIssued() throws Exception {
    openService("senior", "7-senior-qr", "name", "subject_id", "age_over_60");
    assertThat(value("name")).isEqualTo(Portals.CITIZEN_NAME);
    assertThat(value("age_over_60")).isEqualTo("是 / yes");
    browser.findElement(By.id("submit")).click();
    String offerUri = scanQr("offer-qr", "8-senior-offer");
    List<StoredCredential> got = wallet.receive(offerUri, browser.findElement(By.id("tx-code")).getText());
    assertThat(got).singleElement().satisfies(c -> assertThat(c.types()).contains(DomainType.QUALIFICATION.vct()));
  }

  @Test
  @Order(5)
  void subsidy_claimedOnChainOnce_secondApplicationFromANewSessionRefused() throws Exception {
    openService("transport", "9-transport-qr", "name", "subject_id", "age_over_60");
    assertThat(value("name")).isEqualTo(Portals.CITIZEN_NAME);
    assertThat(value("age_over_60")).isEqualTo("是 / yes");
    browser.findElement(By.id("account")).sendKeys("6217 0000 1234 5678");
    shot("10-transport-form");
    browser.findElement(By.id("submit")).click();
    waitFor(By.id("claimed"));
    assertThat(browser.findElement(By.id("claimed")).getText()).contains("500");
    shot("11-transport-claimed");

    // Another session: the cookie is gone, the citizen logs in again and applies again.
    browser.manage().deleteAllCookies();
    browser.get(portals.citizenUrl());
    wallet.present(scanQr("login-qr", "12-login-again")).respond(Set.of("*"));
    waitFor(By.id("citizen-name"));
    openService("transport", "13-transport-qr-again", "name", "subject_id", "age_over_60");
    browser.findElement(By.id("account")).sendKeys("6217 0000 1234 5678");
    browser.findElement(By.id("submit")).click();
    waitFor(By.id("already-claimed"));
    assertThat(browser.findElement(By.id("already-claimed")).getText()).contains("已领取过").contains("already claimed");
    shot("14-transport-refused");
  }

  @Test
  @Order(6)
  void bank_loanPreCheck_entityMandateAgentAndCreditProof_decisionWithReasons() throws Exception {
    browser.get(portals.bankUrl());
    PresentationRequest request = wallet.present(scanQr("bank-qr", "15-bank-qr"));
    assertThat(request.purposes()).containsExactly(BankPortal.PURPOSE);
    assertThat(request.requested()).extracting(PresentationRequest.RequestedCredential::queryId)
        .containsExactly("company", "mandate", "agent", "credit");
    assertThat(request.requested()).allSatisfy(r -> assertThat(r.credentialId()).isNotNull());
    request.respond(Set.of("*"));
    waitFor(By.id("decision"));
    shot("16-bank-decision");
    assertThat(browser.findElement(By.id("decision")).getText()).contains("预审通过").contains("Pre-approved");
    assertThat(browser.findElement(By.id("company-name")).getText()).isEqualTo(Portals.COMPANY_NAME);
    assertThat(browser.findElement(By.id("reasons")).getText()).doesNotContain("✗").contains("✓")
        .contains("score_over_650 = true").contains("epoch 1 of person-v1");
  }

  @Test
  @Order(7)
  void login_holderDeclines_pageSaysSoAndShowsANewCode() throws Exception {
    browser.manage().deleteAllCookies();
    browser.get(portals.citizenUrl());
    String first = scanQr("login-qr", "17-login-to-decline");
    wallet.present(first).decline();
    waitFor(By.id("problem"));
    assertThat(browser.findElement(By.id("problem")).getText()).contains("登录未完成").contains("REFUSED");
    assertThat(browser.findElements(By.id("citizen-name"))).isEmpty();
    assertThat(scanQr("login-qr", "18-new-login-code")).isNotEqualTo(first).startsWith("openid4vp://");
  }

  @Test
  @Order(8)
  void serviceForm_answeredWithSomeoneElsesCredential_notFilled() throws Exception {
    Path strangerDir = Files.createTempDirectory("zhixin-portal-stranger");
    try {
      portals.provisionDemoWallet(strangerDir, PASSWORD); // same name, another person: another random subject_id
      browser.manage().deleteAllCookies();
      browser.get(portals.citizenUrl());
      wallet.present(scanQr("login-qr", "19-login")).respond(Set.of("*"));
      waitFor(By.id("citizen-name"));
      browser.findElement(By.id("service-household")).click();
      try (Wallet stranger = portals.openWallet(strangerDir, PASSWORD)) {
        stranger.present(scanQr("service-qr", "20-household-qr")).respond(Set.of("*"));
      }
      waitFor(By.id("problem"));
      assertThat(browser.findElement(By.id("problem")).getText()).contains("belongs to someone else");
      assertThat(browser.findElements(By.id("service-form"))).isEmpty();
      assertThat(browser.findElements(By.id("service-qr"))).isNotEmpty();
    } finally {
      delete(strangerDir);
    }
  }

  @Test
  @Order(9)
  void chain_afterEverything_holdsNoPersonalDataNorItsHashes() {
    District district = portals.district();
    try (ZhixinChain reader = ZhixinChain.connectReadOnly(chain.rpcUrl(), district.deployment)) {
      PrivacyScan.Builder personal = PrivacyScan.builder();
      List.of(Portals.CITIZEN_NAME, Portals.CITIZEN_ID_NUMBER, "1955-03-07", "佛山市禅城区祖庙路1号", Portals.COMPANY_NAME)
          .forEach(datum -> personal.forbid("personal data", datum));
      PrivacyScan.Report report = personal.build().scan(reader, 1, chain.blockNumber().longValueExact());
      assertThat(report.transactions()).isGreaterThan(30);
      assertThat(report.findings()).isEmpty();
    }
  }

  // ------------------------------------------------------------------ helpers

  /** Opens a service from the home page, answers its request with the wallet, and waits for the form. */
  private void openService(String id, String shotName, String... expectedClaims) throws Exception {
    browser.get(portals.citizenUrl());
    browser.findElement(By.id("service-" + id)).click();
    PresentationRequest request = wallet.present(scanQr("service-qr", shotName));
    assertThat(request.purposes()).singleElement().asString().contains("/");
    assertThat(request.requested()).singleElement().satisfies(r -> assertThat(r.claims())
        .containsExactly(expectedClaims));
    request.respond(Set.of("*"));
    waitFor(By.id("service-form"));
  }

  /**
   * Waits for the image, takes a screenshot of the page, and decodes the QR code on it: in the part of the screenshot
   * where the image is (with a margin), else in the whole screenshot; a few tries, each with a new screenshot.
   */
  private String scanQr(String imageId, String shotName) throws Exception {
    WebElement img = waitFor(By.id(imageId));
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> (Boolean) ((JavascriptExecutor) d)
        .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", img));
    Rectangle at = img.getRect();
    for (int attempt = 0; ; attempt++) {
      BufferedImage page = ImageIO.read(new ByteArrayInputStream(shot(shotName)));
      int x = Math.max(0, at.getX() - 24);
      int y = Math.max(0, at.getY() - 24);
      BufferedImage around = page.getSubimage(x, y, Math.min(page.getWidth() - x, at.getWidth() + 48),
          Math.min(page.getHeight() - y, at.getHeight() + 48));
      // The image itself, inside its 1 px border: a pure barcode with its quiet zone, read module by module.
      BufferedImage exact = page.getSubimage(at.getX() + 1, at.getY() + 1, at.getWidth() - 2, at.getHeight() - 2);
      try {
        return decode(exact, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE));
      } catch (ReaderException e) {
        // then search for it
      }
      for (BufferedImage image : List.of(around, page)) {
        try {
          return decode(image, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
        } catch (ReaderException e) {
          // try the whole page, then a new screenshot
        }
      }
      if (attempt == 4) {
        throw new AssertionError("no QR code could be read from the screenshot " + SHOTS.resolve(shotName + ".png"));
      }
      Thread.sleep(300);
    }
  }

  private static String decode(BufferedImage image, Map<DecodeHintType, ?> hints) throws ReaderException {
    int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(),
        image.getHeight(), pixels)));
    Result r = new QRCodeReader().decode(bitmap, hints);
    return r.getText();
  }

  private byte[] shot(String name) throws IOException {
    byte[] png = browser.getScreenshotAs(OutputType.BYTES);
    Files.write(SHOTS.resolve(name + ".png"), png);
    return png;
  }

  private WebElement waitFor(By by) {
    return new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private String value(String id) {
    return browser.findElement(By.id(id)).getAttribute("value");
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
