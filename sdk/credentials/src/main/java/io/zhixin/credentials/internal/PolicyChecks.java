package io.zhixin.credentials.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.zhixin.credentials.CheckCode;
import io.zhixin.credentials.TrustDecision;
import io.zhixin.credentials.status.StatusEntry;
import java.time.Instant;
import java.util.List;

/** The policy checks shared by every format: trust, types, age, required claims, status. Thread-safe. */
final class PolicyChecks {

  private final VerifierSettings s;
  private final StatusChecker status;

  PolicyChecks(VerifierSettings settings, JwsVerifiers verifiers) {
    this.s = settings;
    this.status = settings.statusLists() == null ? null : new StatusChecker(settings, verifiers);
  }

  /**
   * Runs the policy checks; {@code entries} null means reading the status entries already failed.
   * {@code subject} is where required claims are looked up besides {@code claims} (a W3C credentialSubject).
   */
  boolean check(String issuer, List<String> types, Instant issuedAt, JsonNode claims, JsonNode subject,
      List<StatusEntry> entries, Instant now, boolean checkRequired, Checks checks) {
    if (entries == null) {
      return false;
    }
    if (s.trustedIssuers() != null) {
      if (!s.trustedIssuers().contains(issuer)) {
        return checks.fail(CheckCode.ISSUER_NOT_TRUSTED, "issuer " + issuer + " is not one of the trusted issuers");
      }
      checks.pass(CheckCode.ISSUER_NOT_TRUSTED, "issuer " + issuer + " is trusted");
    } else if (s.trust() != null) {
      // Accreditation is judged when the credential was issued: a later suspension does not void it.
      Instant at = issuedAt != null ? issuedAt : now;
      TrustDecision decision;
      try {
        decision = s.trust().evaluate(issuer, types, at);
      } catch (RuntimeException e) {
        return checks.fail(CheckCode.ISSUER_NOT_TRUSTED, "the trust lookup for " + issuer + " failed ("
            + e.getClass().getSimpleName() + ")");
      }
      if (decision == null || !decision.trusted()) {
        return checks.fail(CheckCode.ISSUER_NOT_TRUSTED, decision == null
            ? "the trust lookup for " + issuer + " gave no answer" : decision.reason());
      }
      checks.pass(CheckCode.ISSUER_NOT_TRUSTED, decision.reason());
    } else {
      checks.warn(CheckCode.ISSUER_NOT_TRUSTED, "issuer " + issuer + " not checked (policy accepts any issuer)");
    }

    if (s.acceptedTypes() != null) {
      if (types.stream().noneMatch(s.acceptedTypes()::contains)) {
        return checks.fail(CheckCode.TYPE_NOT_ACCEPTED, "credential types " + types + " include none of "
            + s.acceptedTypes());
      }
      checks.pass(CheckCode.TYPE_NOT_ACCEPTED, "type accepted");
    } else {
      checks.warn(CheckCode.TYPE_NOT_ACCEPTED, "type not checked (policy accepts any type)");
    }

    if (s.maxCredentialAge() != null) {
      if (issuedAt == null) {
        return checks.fail(CheckCode.MAX_AGE, "the policy limits credential age but the credential has no "
            + "issuance time");
      }
      Instant oldest = now.minus(s.maxCredentialAge()).minus(s.skew());
      if (issuedAt.isBefore(oldest)) {
        return checks.fail(CheckCode.MAX_AGE, "issued at " + issuedAt + ", older than the maximum age "
            + s.maxCredentialAge());
      }
      checks.pass(CheckCode.MAX_AGE, "issued at ", issuedAt);
    }

    for (String path : checkRequired ? s.requiredClaims() : List.<String>of()) {
      JsonNode n = Json.at(claims, path);
      if ((n == null || n.isNull()) && subject != null && subject != claims) {
        n = Json.at(subject, path);
      }
      if (n == null || n.isNull()) {
        return checks.fail(CheckCode.CLAIM_MISSING, "required claim " + path + " was not disclosed");
      }
    }
    if (checkRequired && !s.requiredClaims().isEmpty()) {
      checks.pass(CheckCode.CLAIM_MISSING, "required claims " + s.requiredClaims() + " disclosed");
    }

    if (status == null) {
      if (!entries.isEmpty()) {
        checks.warn(CheckCode.STATUS, "status not checked (policy ignores status)");
      }
      return true;
    }
    return status.check(issuer, entries, now, checks);
  }

  /** Required claims of a presentation: each must be disclosed by at least one of its credentials. */
  boolean requiredAcross(List<io.zhixin.credentials.VerifiedCredential> credentials, Checks checks) {
    for (String path : s.requiredClaims()) {
      boolean found = credentials.stream().anyMatch(c -> c.claim(path).isPresent()
          || c.claim("credentialSubject/" + path).isPresent());
      if (!found) {
        return checks.fail(CheckCode.CLAIM_MISSING, "required claim " + path
            + " was not disclosed by any credential of the presentation");
      }
    }
    if (!s.requiredClaims().isEmpty()) {
      checks.pass(CheckCode.CLAIM_MISSING, "required claims " + s.requiredClaims() + " disclosed");
    }
    return true;
  }
}
