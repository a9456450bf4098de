package io.zhixin.credentials.status;

import static io.zhixin.credentials.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.credentials.CheckCode;
import io.zhixin.credentials.Verifier;
import io.zhixin.credentials.sdjwt.SdJwtPresentation;
import io.zhixin.credentials.sdjwt.SdJwtVcIssuer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StatusListTest {

  static final String REV = "https://gaj.example/status/rev-1";
  static final String SUS = "https://gaj.example/status/sus-1";

  static StatusListManager manager() {
    return StatusListManager.builder().issuer(ISSUER).keyId(KID).signer(ISSUER_KEY.signer()).clock(CLOCK)
        .list(StatusPurpose.REVOCATION, REV).list(StatusPurpose.SUSPENSION, SUS).build();
  }

  @Test
  void bitstring_encodeDecode_roundTripsAndUsesLeftmostBitFirst() {
    BitstringStatusList l = BitstringStatusList.create(BitstringStatusList.MIN_SIZE);
    l.set(0, true);
    l.set(131_071, true);
    String enc = l.encode();
    assertThat(enc).startsWith("u");
    BitstringStatusList d = BitstringStatusList.decode(enc);
    assertThat(d.size()).isEqualTo(131_072);
    assertThat(d.get(0)).isTrue();
    assertThat(d.get(1)).isFalse();
    assertThat(d.get(131_071)).isTrue();
    assertThatThrownBy(() -> BitstringStatusList.create(1024)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BitstringStatusList.decode("zabc")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void allocate_randomAndUnique() {
    StatusListManager m = manager();
    Set<Long> seen = new HashSet<>();
    long sequentialPairs = 0;
    long prev = -1;
    for (int i = 0; i < 2000; i++) {
      StatusEntry e = m.allocate().get(0);
      assertThat(seen.add(e.index())).as("no collision").isTrue();
      sequentialPairs += e.index() == prev + 1 ? 1 : 0;
      prev = e.index();
    }
    assertThat(sequentialPairs).isLessThan(10);
  }

  @Test
  void revokedCredential_failsWithRevoked_suspendedWithSuspended() {
    StatusListManager m = manager();
    List<StatusEntry> status = m.allocate();
    String issued = SdJwtVcIssuer.builder().signer(ISSUER_KEY.signer()).issuer(ISSUER).keyId(KID).clock(CLOCK)
        .build().issue(VCT, identityClaims(), HOLDER_KEY.publicJwk(), null, status);
    String p = SdJwtPresentation.builder(issued).disclose("name").clock(CLOCK)
        .keyBinding(HOLDER_KEY.signer(), AUD, NONCE).build();
    Map<String, String> served = new ConcurrentHashMap<>();
    AtomicInteger fetches = new AtomicInteger();
    StatusListFetcher http = url -> {
      fetches.incrementAndGet();
      return served.get(url);
    };
    Runnable publish = () -> {
      served.put(REV, m.publish(StatusPurpose.REVOCATION));
      served.put(SUS, m.publish(StatusPurpose.SUSPENSION));
    };
    Verifier v = Verifier.builder().issuerKeys(keys()).trustedIssuers(ISSUER).acceptedTypes(VCT).audience(AUD)
        .nonce(NONCE).clock(CLOCK).statusLists(http).build();

    publish.run();
    assertThat(v.verify(p).problems()).isEmpty();

    m.suspend(status.get(1));
    publish.run();
    assertThat(v.verify(p).problems()).extracting(c -> c.code()).containsExactly(CheckCode.SUSPENDED);
    m.reinstate(status.get(1));
    publish.run();
    assertThat(v.verify(p).isVerified()).isTrue();

    m.revoke(status.get(0));
    publish.run();
    assertThat(v.verify(p).problems()).extracting(c -> c.code()).containsExactly(CheckCode.REVOKED);

    served.clear();
    assertThat(v.verify(p).problems()).extracting(c -> c.code()).containsExactly(CheckCode.STATUS);
  }

  @Test
  void statusListSignedByAnotherIssuer_rejected() {
    StatusListManager m = manager();
    List<StatusEntry> status = m.allocate();
    StatusListManager forger = StatusListManager.builder().issuer(ISSUER).keyId(KID).signer(OTHER_KEY.signer())
        .clock(CLOCK).list(StatusPurpose.REVOCATION, REV).build();
    String issued = SdJwtVcIssuer.builder().signer(ISSUER_KEY.signer()).issuer(ISSUER).clock(CLOCK).build()
        .issue(VCT, identityClaims(), HOLDER_KEY.publicJwk(), null, status.subList(0, 1));
    String p = SdJwtPresentation.builder(issued).disclose("name").clock(CLOCK)
        .keyBinding(HOLDER_KEY.signer(), AUD, NONCE).build();
    Verifier v = Verifier.builder().issuerKeys(keys()).trustedIssuers(ISSUER).acceptedTypes(VCT).audience(AUD)
        .nonce(NONCE).clock(CLOCK).statusLists(url -> forger.publish(StatusPurpose.REVOCATION)).build();
    assertThat(v.verify(p).problems()).extracting(c -> c.code()).containsExactly(CheckCode.STATUS);
  }

  @Test
  void overRealHttp_revocationSeenAfterRepublish_andFailuresAreTyped() throws Exception {
    StatusListManager m = manager();
    List<StatusEntry> status = m.allocate();
    java.util.concurrent.atomic.AtomicReference<String> body = new java.util.concurrent.atomic.AtomicReference<>(
        m.publish(StatusPurpose.REVOCATION));
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/status/rev-1", ex -> {
      byte[] b = body.get().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/vc+jwt");
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      StatusListManager local = StatusListManager.builder().issuer(ISSUER).keyId(KID).signer(ISSUER_KEY.signer())
          .clock(CLOCK).list(StatusPurpose.REVOCATION, base + "/status/rev-1").build();
      List<StatusEntry> entries = local.allocate();
      body.set(local.publish(StatusPurpose.REVOCATION));
      String issued = SdJwtVcIssuer.builder().signer(ISSUER_KEY.signer()).issuer(ISSUER).clock(CLOCK).build()
          .issue(VCT, identityClaims(), HOLDER_KEY.publicJwk(), null, entries);
      String p = SdJwtPresentation.builder(issued).disclose("name").clock(CLOCK)
          .keyBinding(HOLDER_KEY.signer(), AUD, NONCE).build();
      Verifier v = Verifier.builder().issuerKeys(keys()).trustedIssuers(ISSUER).acceptedTypes(VCT).audience(AUD)
          .nonce(NONCE).clock(CLOCK).statusLists(HttpStatusListFetcher.insecureAllowingHttp(Duration.ofSeconds(5)))
          .build();
      assertThat(v.verify(p).problems()).isEmpty();
      local.revoke(entries.get(0));
      body.set(local.publish(StatusPurpose.REVOCATION));
      assertThat(v.verify(p).problems()).extracting(c -> c.code()).containsExactly(CheckCode.REVOKED);

      assertThatThrownBy(() -> HttpStatusListFetcher.create(Duration.ofSeconds(1)).fetch(base + "/status/rev-1"))
          .isInstanceOf(StatusListException.class).hasMessageContaining("https");
      assertThatThrownBy(() -> HttpStatusListFetcher.insecureAllowingHttp(Duration.ofSeconds(1))
          .fetch(base + "/missing")).isInstanceOf(StatusListException.class).hasMessageContaining("404");
    } finally {
      server.stop(0);
    }
    assertThat(status).hasSize(2);
  }

  @Test
  void fetcherThrowingWithoutMessage_reportedWithoutNull() {
    StatusListManager m = manager();
    String issued = SdJwtVcIssuer.builder().signer(ISSUER_KEY.signer()).issuer(ISSUER).clock(CLOCK).build()
        .issue(VCT, identityClaims(), HOLDER_KEY.publicJwk(), null, m.allocate());
    String p = SdJwtPresentation.builder(issued).disclose("name").clock(CLOCK)
        .keyBinding(HOLDER_KEY.signer(), AUD, NONCE).build();
    Verifier v = Verifier.builder().issuerKeys(keys()).trustedIssuers(ISSUER).acceptedTypes(VCT).audience(AUD)
        .nonce(NONCE).clock(CLOCK).statusLists(url -> {
          throw new IllegalStateException();
        }).build();
    assertThat(v.verify(p).problems()).singleElement().satisfies(c -> {
      assertThat(c.code()).isEqualTo(CheckCode.STATUS);
      assertThat(c.detail()).doesNotContain("null").contains("IllegalStateException");
    });
  }

  @Test
  void cachingFetcher_fetchesOncePerTtl() {
    AtomicInteger n = new AtomicInteger();
    MutableClock clock = new MutableClock();
    CachingStatusListFetcher f = CachingStatusListFetcher.create(u -> "x" + n.incrementAndGet(),
        Duration.ofMinutes(5), clock);
    assertThat(f.fetch("u")).isEqualTo("x1");
    assertThat(f.fetch("u")).isEqualTo("x1");
    clock.now = clock.now.plus(Duration.ofMinutes(6));
    assertThat(f.fetch("u")).isEqualTo("x2");
  }

  static final class MutableClock extends java.time.Clock {
    java.time.Instant now = NOW;

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }
}
