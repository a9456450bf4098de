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
    if (nonce == null && (s.noncePerRequest() || s.nonce() != null)) {
      // Only ignoreNonce() may skip the nonce: a forgotten argument must not turn replay protection off.
      checks.fail(CheckCode.NONCE, "no nonce to check against: pass this request's nonce, or build the verifier"
          + " with ignoreNonce()");
      return Trusted.result(checks.list(), List.of(), null);
    }
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
      VerifiedCredential c = verifySdJwt(in, nonce, false, s.audience(), now, checks);
      if (c != null) {
        out.add(c);
      }
      return;
    }
    verifyJwt(in, nonce, now, checks, out, holder);
  }

  /** Verifies one SD-JWT (VC); null after a failed check. */
  VerifiedCredential verifySdJwt(String in, String nonce, boolean inPresentation, String audience, Instant now,
      Checks checks) {
    // Inside a vp+jwt the holder's signature binds the credential; a KB-JWT, if present, is still checked.
    boolean requireKb = s.requireKeyBinding() && !inPresentation;
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
        StatusEntries.fromSdJwt(claims, checks), now, !inPresentation, checks)) {
      return null;
    }
    if (isDomainType(types) && !domainRules(types, DomainRules.subjectClaims(claims), now, checks)) {
      return null;
    }
    return Trusted.credential(new Trusted.CredentialParts(CredentialFormat.SD_JWT_VC, issuer, types, claims,
        v.holderKey(), iat, SdJwtEngine.numericDate(claims, "nbf"), SdJwtEngine.numericDate(claims, "exp")));
  }

  private void verifyJwt(String in, String nonce, Instant now, Checks checks, List<VerifiedCredential> out,
      String[] holder) {
    Jws.Parsed p = Jws.parse(in, s.algorithms(), "JWT", checks);
    if (p == null) {
      return;
    }
    String typ = p.typ() == null ? "" : p.typ().toLowerCase(java.util.Locale.ROOT);
    if (typ.equals("vc+jwt") || typ.equals("application/vc+jwt")) {
      VerifiedCredential c = verifyVcJwt(p, now, false, checks);
      if (c != null) {
        out.add(c);
      }
    } else if (typ.equals("vp+jwt") || typ.equals("application/vp+jwt")) {
      verifyVpJwt(p, nonce, now, checks, out, holder);
    } else {
      checks.fail(CheckCode.MEDIA_TYPE, "typ must be vc+jwt or vp+jwt (or an SD-JWT), found " + p.typ());
    }
  }

  /** VC-JOSE-COSE credential; null after a failed check. */
  private VerifiedCredential verifyVcJwt(Jws.Parsed p, Instant now, boolean inPresentation, Checks checks) {
    String cty = p.headerString("cty");
    if (cty != null && !cty.equalsIgnoreCase("vc") && !cty.equalsIgnoreCase("application/vc")) {
      checks.fail(CheckCode.MEDIA_TYPE, "cty must be vc, found " + cty);
      return null;
    }
    checks.pass(CheckCode.MEDIA_TYPE, "vc+jwt");
    ObjectNode vc = p.payload();
    if (!dataModel(DataModel.validateCredential(vc), checks)) {
      return null;
    }
    String issuer = Credentials.issuerId(vc);
    String headerIss = p.headerString("iss");
    JsonNode claimIss = vc.get("iss");
    if ((headerIss != null && !headerIss.equals(issuer)) || (claimIss != null && !issuer.equals(claimIss.asText()))) {
      checks.fail(CheckCode.ISSUER_KEY, "iss " + (headerIss != null ? headerIss : claimIss)
          + " does not match the credential issuer " + issuer);
      return null;
    }
    if (!Jws.verifyResolved(p, issuer, p.headerString("kid"), s.keys(), verifiers, CheckCode.ISSUER_KEY,
        CheckCode.SIGNATURE, "credential", checks)) {
      return null;
    }
    List<io.zhixin.credentials.Check> v = new ArrayList<>();
    java.time.OffsetDateTime from = DataModel.dateTime(vc, "validFrom", v);
    java.time.OffsetDateTime until = DataModel.dateTime(vc, "validUntil", v);
    Instant validFrom = from == null ? null : from.toInstant();
    Instant validUntil = until == null ? null : until.toInstant();
    if (validUntil != null && !now.minus(s.skew()).isBefore(validUntil)) {
      checks.fail(CheckCode.EXPIRED, "validUntil " + validUntil + " has passed; now " + now);
      return null;
    }
    if (validFrom != null && now.plus(s.skew()).isBefore(validFrom)) {
      checks.fail(CheckCode.NOT_YET_VALID, "validFrom " + validFrom + " is in the future; now " + now);
      return null;
    }
    if (!SdJwtEngine.checkTimes(vc, now, s.skew(), checks)) {
      return null;
    }
    List<String> types = Credentials.types(vc);
    if (!policy.check(issuer, types, validFrom, vc, vc.get("credentialSubject"), StatusEntries.fromVc(vc, checks),
        now, !inPresentation, checks)) {
      return null;
    }
    JsonNode subject = vc.get("credentialSubject");
    if (subject.isObject() && isDomainType(types)) {
      ObjectNode claimsOnly = ((ObjectNode) subject).deepCopy();
      claimsOnly.remove("id");
      if (!domainRules(types, claimsOnly, now, checks)) {
        return null;
      }
    }
    return Trusted.credential(new Trusted.CredentialParts(CredentialFormat.VC_JWT, issuer, types, vc, null,
        validFrom, validFrom, validUntil));
  }

  private static boolean isDomainType(List<String> types) {
    for (String t : types) {
      if (io.zhixin.credentials.domain.DomainType.of(t).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** Runs the bundled schema and field rules of any Zhixin domain type among {@code types}. */
  private static boolean domainRules(List<String> types, ObjectNode claims, Instant now, Checks checks) {
    for (String t : types) {
      var dt = io.zhixin.credentials.domain.DomainType.of(t);
      if (dt.isPresent()) {
        DomainRules.validate(dt.get(), claims, false, now).forEach(checks::add);
      }
    }
    return !checks.failed();
  }

  private static boolean dataModel(List<io.zhixin.credentials.Check> violations, Checks checks) {
    if (!violations.isEmpty()) {
      violations.forEach(checks::add);
      return false;
    }
    checks.pass(CheckCode.DATA_MODEL, "W3C VC Data Model 2.0 rules");
    return true;
  }

  /** VC-JOSE-COSE presentation with enveloped credentials. */
  private void verifyVpJwt(Jws.Parsed p, String nonce, Instant now, Checks checks, List<VerifiedCredential> out,
      String[] holderOut) {
    ObjectNode vp = p.payload();
    checks.pass(CheckCode.MEDIA_TYPE, "vp+jwt");
    if (!dataModel(DataModel.validatePresentation(vp), checks)) {
      return;
    }
    String holder = Credentials.holderId(vp);
    if (holder == null) {
      checks.fail(CheckCode.KEY_BINDING, "a vp+jwt presentation must name its holder");
      return;
    }
    if (!Jws.verifyResolved(p, holder, p.headerString("kid"), s.keys(), verifiers, CheckCode.KEY_BINDING,
        CheckCode.KEY_BINDING, "presentation", checks)) {
      return;
    }
    Instant iat;
    try {
      iat = SdJwtEngine.numericDate(vp, "iat");
    } catch (IllegalArgumentException e) {
      checks.fail(CheckCode.MALFORMED, "presentation: " + e.getMessage());
      return;
    }
    if (iat == null || iat.isAfter(now.plus(s.skew()))
        || iat.isBefore(now.minus(s.maxPresentationAge()).minus(s.skew()))) {
      checks.fail(CheckCode.FRESHNESS, "presentation iat " + iat + " outside [now - " + s.maxPresentationAge()
          + ", now]; now " + now);
      return;
    }
    checks.pass(CheckCode.FRESHNESS, "presentation issued at ", iat);
    if (!SdJwtEngine.checkTimes(vp, now, s.skew(), checks)
        || !SdJwtEngine.expect(vp, "aud", s.audience(), CheckCode.AUDIENCE, checks)
        || !SdJwtEngine.expect(vp, "nonce", nonce, CheckCode.NONCE, checks)) {
      return;
    }
    JsonNode vcs = vp.get("verifiableCredential");
    if (vcs == null || (vcs.isArray() && vcs.isEmpty())) {
      checks.fail(CheckCode.MALFORMED, "the presentation carries no credential");
      return;
    }
    com.nimbusds.jose.jwk.JWK holderKey;
    try {
      holderKey = s.keys().resolve(holder, Jws.absoluteKid(holder, p.headerString("kid")));
    } catch (RuntimeException e) {
      holderKey = null;
    }
    int i = 0;
    for (JsonNode env : vcs.isArray() ? vcs : List.of(vcs)) {
      i++;
      checks.prefix("credential #" + i + ": ");
      String id = env.path("id").asText("");
      if (!"EnvelopedVerifiableCredential".equals(env.path("type").asText())) {
        checks.fail(CheckCode.MALFORMED, "only EnvelopedVerifiableCredential entries are accepted (an embedded "
            + "credential carries no issuer signature)");
        return;
      }
      VerifiedCredential c;
      if (id.startsWith(VC_JWT)) {
        Jws.Parsed inner = Jws.parse(id.substring(VC_JWT.length()), s.algorithms(), "credential", checks);
        if (inner == null || !SdJwtEngine.checkType(inner.typ(), java.util.Set.of("vc+jwt"), "credential", checks)) {
          return;
        }
        c = verifyVcJwt(inner, now, true, checks);
      } else if (id.startsWith(SD_JWT) || id.startsWith(VC_SD_JWT)) {
        String sd = id.substring(id.indexOf(',') + 1);
        c = verifySdJwt(sd, nonce, true, s.audience(), now, checks);
        if (c != null && c.holderKey().isPresent() && !c.holderKey().get().equals(holderKey)) {
          checks.fail(CheckCode.KEY_BINDING, "the credential is bound to a different key than the presenter's");
          return;
        }
      } else {
        checks.fail(CheckCode.MALFORMED, "enveloped credential id must be a data: URL of application/vc+jwt or "
            + "application/dc+sd-jwt");
        return;
      }
      if (c == null) {
        return;
      }
      out.add(c);
    }
    checks.prefix("");
    if (!policy.requiredAcross(out, checks)) {
      return;
    }
    holderOut[0] = holder;
  }

  private static final String VC_JWT = "data:application/vc+jwt,";
  private static final String SD_JWT = "data:application/dc+sd-jwt,";
  private static final String VC_SD_JWT = "data:application/vc+sd-jwt,";
}
