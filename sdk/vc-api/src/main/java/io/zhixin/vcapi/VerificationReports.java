package io.zhixin.vcapi;

import io.zhixin.credentials.Check;
import io.zhixin.credentials.VerificationResult;
import io.zhixin.credentials.VerifiedCredential;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a {@link VerificationResult} as the JSON-like map that the VC-API endpoints and {@code zhixin vc verify}
 * print. Stateless.
 *
 * <p>Shape: {@code verified}; {@code checks} (every check: {@code check} code, {@code outcome}
 * {@code passed|warned|failed}, {@code detail}); {@code warnings}; {@code problemDetails} (the failed checks as
 * RFC 9457-style objects with {@code type}, {@code code}, {@code title}, {@code detail}); and, only when verified,
 * {@code credentials} with the verified (disclosed) claims and {@code holder} for a presentation.
 */
public final class VerificationReports {

  /** Prefix of the {@code type} URI of problem details; the check code follows. */
  public static final String PROBLEM_TYPE = "https://zhixin.io/problems/verification#";

  private VerificationReports() {}

  /** The full report of {@code result}. */
  public static Map<String, Object> toMap(VerificationResult result) {
    Map<String, Object> out = toMap(result.isVerified(), result.checks());
    if (result instanceof VerificationResult.Verified v) {
      List<Object> creds = new ArrayList<>();
      v.credentials().forEach(c -> creds.add(credential(c)));
      out.put("credentials", creds);
      v.holder().ifPresent(h -> out.put("holder", h));
    }
    return out;
  }

  /**
   * A report from checks alone, for input refused before a verifier saw it (for example an oversized body); never
   * {@code verified} unless {@code verified} is true and no check failed.
   */
  public static Map<String, Object> toMap(boolean verified, List<Check> checks) {
    boolean ok = verified && checks.stream().noneMatch(Check::isFailed);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("verified", ok);
    List<Object> all = new ArrayList<>();
    List<Object> warnings = new ArrayList<>();
    List<Object> problems = new ArrayList<>();
    for (Check c : checks) {
      all.add(check(c));
      if (c.outcome() == Check.Outcome.WARNED) {
        warnings.add(check(c));
      } else if (c.isFailed()) {
        problems.add(problem(c));
      }
    }
    out.put("checks", all);
    out.put("warnings", warnings);
    out.put("problemDetails", problems);
    return out;
  }

  private static Map<String, Object> check(Check c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("check", c.code().code());
    m.put("outcome", c.outcome().name().toLowerCase(java.util.Locale.ROOT));
    m.put("detail", c.detail());
    return m;
  }

  private static Map<String, Object> problem(Check c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", PROBLEM_TYPE + c.code().code());
    m.put("code", c.code().code());
    m.put("title", c.code().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    m.put("detail", c.detail());
    return m;
  }

  private static Map<String, Object> credential(VerifiedCredential c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", c.format().mediaType());
    m.put("issuer", c.issuer());
    m.put("types", c.types());
    time(m, "issuedAt", c.issuedAt());
    time(m, "validFrom", c.validFrom());
    time(m, "validUntil", c.validUntil());
    c.holderKey().ifPresent(k -> m.put("holderKey", k.toPublicJWK().toJSONObject()));
    m.put("claims", c.claims());
    return m;
  }

  private static void time(Map<String, Object> m, String name, Optional<Instant> t) {
    t.ifPresent(i -> m.put(name, i.toString()));
  }
}
