package io.zhixin.credentials.domain;

import io.zhixin.credentials.TrustDecision;

import io.zhixin.credentials.Check;
import io.zhixin.credentials.CheckCode;
import io.zhixin.credentials.IssuerKeyResolver;
import io.zhixin.credentials.VerificationResult;
import io.zhixin.credentials.VerifiedCredential;
import io.zhixin.credentials.Verifier;
import io.zhixin.credentials.internal.Trusted;
import io.zhixin.keys.CryptoProviders;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies that an agent may act for a company: the company's legal-entity credential (checked by the caller's
 * {@link Verifier}, e.g. trusting the market-supervision bureau) names a legal representative's DID; the
 * authorisation credential is signed by that representative, names the same unified social credit code, the agent's
 * DID, the requested scope, and a period that includes now. Immutable and thread-safe.
 *
 * <h2>What this checks</h2>
 * Everything the entity verifier checks; the entity's {@code status} is {@code active}; the authorisation's
 * signature by the representative's key (resolved through {@code representativeKeys}), its schema, and the
 * {@code chain} links above. Every check appears in the result; any failure rejects.
 *
 * <pre>{@code
 * AuthorisationChainVerifier v = AuthorisationChainVerifier.builder()
 *     .entityVerifier(bankEntityVerifier).representativeKeys(didKeys).build();
 * VerificationResult r = v.verify(companyCredential, authorisation, agentDid, "tax.filing");
 * }</pre>
 */
public final class AuthorisationChainVerifier {

  private final Verifier entityVerifier;
  private final IssuerKeyResolver keys;
  private final Clock clock;
  private final CryptoProviders providers;

  private AuthorisationChainVerifier(Builder b) {
    this.entityVerifier = Objects.requireNonNull(b.entityVerifier, "entityVerifier is required");
    this.keys = Objects.requireNonNull(b.keys, "representativeKeys is required");
    this.clock = b.clock;
    this.providers = b.providers == null ? CryptoProviders.defaults() : b.providers;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies the chain company → representative → authorisation for {@code agentDid} and {@code scope}.
   * Never throws on bad input.
   */
  public VerificationResult verify(String entityCredential, String authorisation, String agentDid, String scope) {
    List<Check> checks = new ArrayList<>();
    List<VerifiedCredential> creds = new ArrayList<>();
    try {
      run(entityCredential, authorisation, agentDid, scope, checks, creds);
    } catch (RuntimeException e) {
      checks.add(Check.failed(CheckCode.MALFORMED, "input could not be processed (" + e.getClass().getSimpleName()
          + ")"));
    }
    boolean failed = checks.stream().anyMatch(Check::isFailed);
    return Trusted.result(checks, failed ? List.of() : creds, null);
  }

  private void run(String entityCredential, String authorisation, String agentDid, String scope, List<Check> checks,
      List<VerifiedCredential> creds) {
    VerificationResult entity = entityVerifier.verify(entityCredential);
    prefixed("company credential: ", entity, checks);
    if (!(entity instanceof VerificationResult.Verified ve)) {
      checks.add(Check.failed(CheckCode.CHAIN, "the company credential was rejected"));
      return;
    }
    VerifiedCredential company = ve.credential();
    String uscc = claim(company, "unified_social_credit_code");
    String rep = claim(company, "legal_representative/did");
    if (uscc == null || rep == null) {
      checks.add(Check.failed(CheckCode.CHAIN, "the company credential must disclose unified_social_credit_code "
          + "and legal_representative/did"));
      return;
    }
    String status = claim(company, "registration_status");
    if (status != null && !"active".equals(status)) {
      checks.add(Check.failed(CheckCode.CHAIN, "the company's registration status is " + status + ", not active"));
      return;
    }
    Verifier authVerifier = Verifier.builder().issuerKeys(keys)
        .issuerTrust((iss, types, at) -> rep.equals(iss)
            ? TrustDecision.trusted(iss + " is the company's legal representative")
            : TrustDecision.refused(iss + " is not the company's legal representative " + rep))
        .acceptedTypes(DomainType.AUTHORISATION.vct(), DomainType.AUTHORISATION.w3cType())
        .ignoreAudience().ignoreNonce().allowMissingKeyBinding()
        // Authorisations are short-lived and revoked by expiry; they carry no status list.
        .ignoreStatus()
        .clock(clock).cryptoProviders(providers)
        .acceptedAlgorithms(com.nimbusds.jose.JWSAlgorithm.ES256, com.nimbusds.jose.JWSAlgorithm.EdDSA,
            com.nimbusds.jose.JWSAlgorithm.ES256K)
        .build();
    VerificationResult auth = authVerifier.verify(authorisation);
    prefixed("authorisation: ", auth, checks);
    if (!(auth instanceof VerificationResult.Verified va)) {
      checks.add(Check.failed(CheckCode.CHAIN, "the authorisation was rejected (it must be signed by the legal "
          + "representative " + rep + ")"));
      return;
    }
    VerifiedCredential a = va.credential();
    if (!uscc.equals(claim(a, "company_uscc"))) {
      checks.add(Check.failed(CheckCode.CHAIN, "the authorisation is for company " + claim(a, "company_uscc")
          + ", not " + uscc));
      return;
    }
    if (!Objects.equals(agentDid, claim(a, "agent_did"))) {
      checks.add(Check.failed(CheckCode.CHAIN, "the authorisation names agent " + claim(a, "agent_did") + ", not "
          + agentDid));
      return;
    }
    Object scopes = claimObject(a, "scopes");
    if (!(scopes instanceof List<?> l) || !l.contains(scope)) {
      checks.add(Check.failed(CheckCode.CHAIN, "scope " + scope + " is not among the authorised scopes " + scopes));
      return;
    }
    Instant now = clock.instant();
    try {
      Instant from = OffsetDateTime.parse(claim(a, "valid_from")).toInstant();
      Instant until = OffsetDateTime.parse(claim(a, "valid_until")).toInstant();
      if (now.isBefore(from) || !now.isBefore(until)) {
        checks.add(Check.failed(CheckCode.CHAIN, "the authorisation is valid from " + from + " until " + until
            + "; now " + now));
        return;
      }
    } catch (DateTimeParseException | NullPointerException e) {
      checks.add(Check.failed(CheckCode.CHAIN, "the authorisation must disclose valid_from and valid_until"));
      return;
    }
    checks.add(Check.passed(CheckCode.CHAIN, "company " + uscc + " → representative " + rep + " → agent " + agentDid
        + " for " + scope));
    creds.add(company);
    creds.add(a);
  }

  private static void prefixed(String prefix, VerificationResult r, List<Check> out) {
    for (Check c : r.checks()) {
      String d = prefix + c.detail();
      out.add(switch (c.outcome()) {
        case PASSED -> Check.passed(c.code(), d);
        case WARNED -> Check.warned(c.code(), d);
        case FAILED -> Check.failed(c.code(), d);
      });
    }
  }

  private static Object claimObject(VerifiedCredential c, String path) {
    return c.claim(path).or(() -> c.claim("credentialSubject/" + path)).orElse(null);
  }

  private static String claim(VerifiedCredential c, String path) {
    Object o = claimObject(c, path);
    return o == null ? null : o.toString();
  }

  /** Builds an {@link AuthorisationChainVerifier}. */
  public static final class Builder {
    private Verifier entityVerifier;
    private IssuerKeyResolver keys;
    private Clock clock = Clock.systemUTC();
    private CryptoProviders providers;

    private Builder() {}

    /** Verifies legal-entity credentials (its policy decides which registration authorities are trusted). */
    public Builder entityVerifier(Verifier v) {
      this.entityVerifier = v;
      return this;
    }

    /** Resolves legal representatives' DIDs to their keys. */
    public Builder representativeKeys(IssuerKeyResolver keys) {
      this.keys = keys;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder cryptoProviders(CryptoProviders providers) {
      this.providers = Objects.requireNonNull(providers, "providers");
      return this;
    }

    public AuthorisationChainVerifier build() {
      return new AuthorisationChainVerifier(this);
    }
  }
}
