package io.zhixin.credentials.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import io.zhixin.credentials.Check;
import io.zhixin.credentials.CheckCode;
import io.zhixin.credentials.status.BitstringStatusList;
import io.zhixin.credentials.status.StatusEntry;
import io.zhixin.credentials.status.StatusPurpose;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks credential status against W3C Bitstring Status List credentials ({@code vc+jwt}, signed by the credential's
 * issuer). Verified, decoded lists are cached per fetched value, so a cached fetch costs no signature check.
 */
final class StatusChecker {

  private record Decoded(String raw, String issuer, StatusPurpose purpose, BitstringStatusList list,
      Instant validUntil) {}

  private final VerifierSettings s;
  private final JwsVerifiers verifiers;
  private final Map<String, Decoded> cache = new ConcurrentHashMap<>();

  StatusChecker(VerifierSettings s, JwsVerifiers verifiers) {
    this.s = s;
    this.verifiers = verifiers;
  }

  boolean check(String issuer, List<StatusEntry> entries, Instant now, Checks checks) {
    for (StatusEntry e : entries) {
      String raw;
      try {
        raw = s.statusLists().fetch(e.listCredential());
      } catch (RuntimeException ex) {
        // A fetcher's exception may have no message; the reason is never "null".
        return checks.fail(CheckCode.STATUS, "status list " + e.listCredential() + " could not be fetched: "
            + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
      }
      if (raw == null) {
        return checks.fail(CheckCode.STATUS, "no status list at " + e.listCredential());
      }
      Decoded d = cache.get(e.listCredential());
      if (d == null || !d.raw.equals(raw)) {
        d = decode(e.listCredential(), raw.strip(), checks);
        if (d == null) {
          return false;
        }
        if (cache.size() > 256) {
          cache.clear();
        }
        cache.put(e.listCredential(), d);
      }
      if (!d.issuer.equals(issuer)) {
        return checks.fail(CheckCode.STATUS, "status list " + e.listCredential() + " is issued by " + d.issuer
            + ", not by the credential's issuer " + issuer);
      }
      if (d.purpose != e.purpose()) {
        return checks.fail(CheckCode.STATUS, "status list " + e.listCredential() + " has purpose "
            + d.purpose.value() + ", the credential expects " + e.purpose().value());
      }
      if (d.validUntil != null && !now.isBefore(d.validUntil)) {
        return checks.fail(CheckCode.STATUS, "status list " + e.listCredential() + " expired at " + d.validUntil);
      }
      if (e.index() >= d.list.size()) {
        return checks.fail(CheckCode.STATUS, "status index " + e.index() + " is outside the list of "
            + d.list.size());
      }
      if (d.list.get(e.index())) {
        return e.purpose() == StatusPurpose.REVOCATION
            ? checks.fail(CheckCode.REVOKED, "credential is revoked (" + e + ")")
            : checks.fail(CheckCode.SUSPENDED, "credential is suspended (" + e + ")");
      }
      checks.pass(e.purpose() == StatusPurpose.REVOCATION ? CheckCode.REVOKED : CheckCode.SUSPENDED,
          "not " + (e.purpose() == StatusPurpose.REVOCATION ? "revoked" : "suspended"));
    }
    return true;
  }

  private Decoded decode(String url, String raw, Checks checks) {
    String what = "status list " + url;
    // Check failures of the list itself are reported under "status", so the list's own signature check does not
    // masquerade as the credential's.
    Checks inner = new Checks();
    Jws.Parsed p = Jws.parse(raw, s.algorithms(), what, inner);
    if (p == null || !SdJwtEngine.checkType(p.typ(), Set.of("vc+jwt"), what, inner)) {
      return fail(inner, checks);
    }
    ObjectNode vc = p.payload();
    List<Check> violations = DataModel.validateCredential(vc);
    if (!violations.isEmpty()) {
      checks.fail(CheckCode.STATUS, what + " is not a valid credential: " + violations.get(0).detail());
      return null;
    }
    String issuer = Credentials.issuerId(vc);
    if (!Credentials.types(vc).contains("BitstringStatusListCredential")) {
      checks.fail(CheckCode.STATUS, what + " is not a BitstringStatusListCredential");
      return null;
    }
    JWK key;
    try {
      key = s.keys().resolve(issuer, p.headerString("kid"));
    } catch (RuntimeException ex) {
      key = null;
    }
    if (key == null) {
      checks.fail(CheckCode.STATUS, what + ": no key for its issuer " + issuer);
      return null;
    }
    if (!Jws.verify(p, key.toPublicJWK(), verifiers, CheckCode.SIGNATURE, what, inner)) {
      return fail(inner, checks);
    }
    JsonNode subject = vc.get("credentialSubject");
    try {
      StatusPurpose purpose = StatusPurpose.parse(subject.path("statusPurpose").asText(""));
      BitstringStatusList list = BitstringStatusList.decode(subject.path("encodedList").asText(null));
      List<Check> v = new ArrayList<>();
      OffsetDateTime until = DataModel.dateTime(vc, "validUntil", v);
      return new Decoded(raw, issuer, purpose, list, until == null ? null : until.toInstant());
    } catch (IllegalArgumentException ex) {
      checks.fail(CheckCode.STATUS, what + ": " + ex.getMessage());
      return null;
    }
  }

  private static Decoded fail(Checks inner, Checks checks) {
    for (Check c : inner.list()) {
      if (c.isFailed()) {
        checks.fail(CheckCode.STATUS, c.code().code() + ": " + c.detail());
      }
    }
    return null;
  }
}
