package io.zhixin.credentials.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhixin.credentials.CheckCode;
import io.zhixin.credentials.CredentialFormat;
import io.zhixin.credentials.VerificationResult;
import io.zhixin.credentials.Verifier;
import io.zhixin.credentials.VerifiedCredential;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@link Verifier} implementation: dispatches on the input's format and derives nothing itself. */
public final class DefaultVerifier implements Verifier {

  private final VerifierSettings s;
  private final JwsVerifiers verifiers;
  private final PolicyChecks policy;

  public DefaultVerifier(VerifierSettings settings) {
    this.s = settings;
    this.verifiers = new JwsVerifiers(settings.providers());
    this.policy = new PolicyChecks(settings, verifiers);
  }

  @Override
  public VerificationResult verify(String input) {
    if (s.noncePerRequest()) {
      throw new IllegalStateException("this verifier expects a nonce per request: call verify(input, nonce)");
    }
    return verify(input, s.nonce());
  }

  @Override
  public VerificationResult verify(String input, String nonce) {
    Checks checks = new Checks();
    List<VerifiedCredential> out = new ArrayList<>(1);
    String[] holder = new String[1];
    try {
      verifyInto(input, nonce, checks, out, holder);
    } catch (RuntimeException e) {
      // Never throw on bad input; a bug here must still yield a typed rejection, not a stack trace.
      checks.fail(CheckCode.MALFORMED, "input could not be processed (" + e.getClass().getSimpleName() + ")");
    }
    return Trusted.result(checks.list(), checks.failed() ? List.of() : out, holder[0]);
  }

  private void verifyInto(String input, String nonce, Checks checks, List<VerifiedCredential> out,
      String[] holder) {
    if (input == null || input.isBlank()) {
      checks.fail(CheckCode.MALFORMED, "empty input");
      return;
    }
    if (input.length() > Json.MAX_INPUT) {
      checks.fail(CheckCode.TOO_LARGE, "input of " + input.length() + " characters exceeds " + Json.MAX_INPUT);
      return;
    }
    String in = input.strip();
    Instant now = s.clock().instant();
    if (in.indexOf('~') >= 0 || in.charAt(0) == '{') {
      VerifiedCredential c = verifySdJwt(in, nonce, s.requireKeyBinding(), s.audience(), now, checks);
      if (c != null) {
        out.add(c);
      }
      return;
    }
    verifyJwt(in, nonce, now, checks, out, holder);
  }

  /** Verifies one SD-JWT (VC); null after a failed check. */
  VerifiedCredential verifySdJwt(String in, String nonce, boolean requireKb, String audience, Instant now,
      Checks checks) {
    SdJwtEngine.Policy p = new SdJwtEngine.Policy(s.algorithms(), s.sdJwtTypes(), s.keys(), verifiers, requireKb,
        audience, nonce, s.maxPresentationAge(), s.skew());
    SdJwtEngine.Verified v = SdJwtEngine.verify(in, p, now, checks);
    if (v == null) {
      return null;
    }
    ObjectNode claims = v.claims();
    String typ = v.issuerJwt().typ();
    boolean vc = typ != null && (typ.equalsIgnoreCase("dc+sd-jwt") || typ.equalsIgnoreCase("vc+sd-jwt"));
    JsonNode vct = claims.get("vct");
    JsonNode iss = claims.get("iss");
    if (vc && (vct == null || !vct.isTextual() || iss == null || !iss.isTextual())) {
      checks.fail(CheckCode.MALFORMED, "an SD-JWT VC needs string vct and iss claims (draft-ietf-oauth-sd-jwt-vc)");
      return null;
    }
    List<String> types = vct != null && vct.isTextual() ? List.of(vct.textValue()) : List.of();
    String issuer = iss != null && iss.isTextual() ? iss.textValue() : "";
    Instant iat = SdJwtEngine.numericDate(claims, "iat");
    if (!policy.check(issuer, types, iat, claims, claims,
        StatusEntries.fromSdJwt(claims, checks), now, checks)) {
      return null;
    }
    return Trusted.credential(new Trusted.CredentialParts(CredentialFormat.SD_JWT_VC, issuer, types, claims,
        v.holderKey(), iat, SdJwtEngine.numericDate(claims, "nbf"), SdJwtEngine.numericDate(claims, "exp")));
  }

  private void verifyJwt(String in, String nonce, Instant now, Checks checks, List<VerifiedCredential> out,
      String[] holder) {
    checks.fail(CheckCode.MALFORMED, "not an SD-JWT");
  }
}
