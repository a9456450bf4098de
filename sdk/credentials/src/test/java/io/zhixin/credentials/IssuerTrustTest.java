package io.zhixin.credentials;

import static io.zhixin.credentials.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.zhixin.credentials.sdjwt.SdJwtPresentation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IssuerTrustTest {
  private static final Clock AN_HOUR_LATER = Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC);
  private final List<Instant> askedAbout = new ArrayList<>();

  private VerificationResult verifyWith(IssuerTrust trust) {
    String presentation = SdJwtPresentation.builder(issueSdJwt())
        .disclose("name").keyBinding(HOLDER_KEY.signer(), AUD, NONCE).clock(AN_HOUR_LATER).build();
    return Verifier.builder().issuerKeys(keys()).issuerTrust(trust).acceptedTypes(VCT).audience(AUD)
        .nonce(NONCE).ignoreStatus().clock(AN_HOUR_LATER).build().verify(presentation);
  }

  @Test
  void asksAboutTheIssuanceTimeNotTheVerificationTime() {
    VerificationResult result = verifyWith((issuer, types, at) -> {
      askedAbout.add(at);
      return TrustDecision.trusted(issuer + " accredited for " + types);
    });
    assertThat(result.isVerified()).isTrue();
    assertThat(askedAbout).containsExactly(NOW);
  }

  @Test
  void aRefusalSaysWhichRuleFailed() {
    VerificationResult result = verifyWith((issuer, types, at) ->
        TrustDecision.refused("0x5c was not accredited for " + types.get(0) + " at " + at));
    assertThat(result.isVerified()).isFalse();
    assertThat(result.problems()).singleElement().satisfies(check -> {
      assertThat(check.code()).isEqualTo(CheckCode.ISSUER_NOT_TRUSTED);
      assertThat(check.detail()).isEqualTo("0x5c was not accredited for " + VCT + " at " + NOW);
    });
  }

  @Test
  void aThrowingTrustHookIsARefusalNotACrash() {
    VerificationResult result = verifyWith((issuer, types, at) -> {
      throw new IllegalStateException("registry down");
    });
    assertThat(result.problems()).extracting(Check::code).containsExactly(CheckCode.ISSUER_NOT_TRUSTED);
  }
}
