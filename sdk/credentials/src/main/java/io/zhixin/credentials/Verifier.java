package io.zhixin.credentials;

import com.nimbusds.jose.JWSAlgorithm;
import io.zhixin.credentials.internal.DefaultVerifier;
import io.zhixin.credentials.internal.VerifierSettings;
import io.zhixin.credentials.status.StatusListFetcher;
import io.zhixin.keys.CryptoProviders;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies SD-JWT VC presentations, {@code vc+jwt} credentials and {@code vp+jwt} presentations against an explicit
 * policy. Immutable and thread-safe: build one per policy and share it.
 *
 * <h2>What this checks</h2>
 * Size limits (1 MB, 1,000 disclosures, JSON nesting 32) before anything else; the algorithm (never {@code none} or
 * HMAC; only {@link Builder#acceptedAlgorithms accepted} ones; matching the key); unknown {@code crit} headers;
 * {@code typ}; the issuer's signature with the key from the {@link IssuerKeyResolver}; for SD-JWT every RFC 9901
 * section 7 rule (each disclosure's digest signed exactly once, no duplicates, no reserved names, {@code _sd_alg}),
 * the key binding JWT (signature with {@code cnf.jwk}, {@code aud}, {@code nonce}, {@code iat} freshness,
 * {@code sd_hash}); validity period; W3C data-model rules for {@code vc+jwt}; issuer trust; accepted types;
 * required disclosed claims; status. Every check appears in the result with a stable {@link CheckCode}.
 *
 * <h2>Failures</h2>
 * {@code verify} never throws on bad input: every problem is a failed check in a
 * {@link VerificationResult.Rejected}. Builders throw {@link IllegalStateException} when a required choice is
 * missing: leniency (any issuer, any type, no audience, no nonce, no status, no key binding) must be asked for by
 * name.
 *
 * <pre>{@code
 * Verifier verifier = Verifier.builder()
 *     .issuerKeys(didKeys).trustedIssuers("did:web:gaj.chancheng.gov.cn")
 *     .acceptedTypes("https://zhixin.io/vct/identity").requiredClaims("name", "age_over_18")
 *     .audience("https://bank.example").noncePerRequest().statusLists(fetcher).build();
 * VerificationResult r = verifier.verify(presentation, nonce);
 * }</pre>
 */
public interface Verifier {

  /**
   * Verifies {@code input} using the nonce fixed in the builder (or none, if ignored).
   *
   * @throws IllegalStateException if the verifier was built with {@link Builder#noncePerRequest()}
   */
  VerificationResult verify(String input);

  /** Verifies {@code input}, expecting {@code nonce} in its key binding JWT or presentation. */
  VerificationResult verify(String input, String nonce);

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Verifier}; every leniency must be chosen explicitly. Not thread-safe. */
  final class Builder {
    IssuerKeyResolver keys;
    Set<String> trustedIssuers;
    IssuerTrust trust;
    boolean anyIssuer;
    Set<String> acceptedTypes;
    boolean anyType;
    final List<String> requiredClaims = new ArrayList<>();
    String audience;
    boolean ignoreAudience;
    String nonce;
    boolean ignoreNonce;
    boolean noncePerRequest;
    boolean requireKeyBinding = true;
    Clock clock = Clock.systemUTC();
    Duration skew = Duration.ZERO;
    Duration maxPresentationAge = Duration.ofMinutes(5);
    Duration maxCredentialAge;
    Set<JWSAlgorithm> algorithms = Set.of(JWSAlgorithm.ES256);
    Set<String> sdJwtTypes = Set.of("dc+sd-jwt", "vc+sd-jwt");
    StatusListFetcher statusLists;
    boolean ignoreStatus;
    CryptoProviders providers;

    private Builder() {}

    /** Where issuer (and holder) public keys come from, e.g. a DID resolver adapter. Required. */
    public Builder issuerKeys(IssuerKeyResolver keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /** Trust exactly these issuer identifiers. */
    public Builder trustedIssuers(String... issuers) {
      this.trustedIssuers = Set.of(issuers);
      return this;
    }

    /** Ask {@code trust} (e.g. the on-chain accreditation registry) whether an issuer is trusted. */
    public Builder issuerTrust(IssuerTrust trust) {
      this.trust = Objects.requireNonNull(trust, "trust");
      return this;
    }

    /** Accept any issuer whose key resolves. Explicit leniency; recorded as a warning on every result. */
    public Builder acceptAnyIssuer() {
      this.anyIssuer = true;
      return this;
    }

    /** Accept only credentials with one of these types ({@code vct} for SD-JWT VC, a {@code type} value). */
    public Builder acceptedTypes(String... types) {
      this.acceptedTypes = Set.of(types);
      return this;
    }

    /** Accept any credential type. Explicit leniency. */
    public Builder acceptAnyType() {
      this.anyType = true;
      return this;
    }

    /** Claim paths ({@code name}, {@code address/locality}) that must be disclosed. */
    public Builder requiredClaims(String... paths) {
      requiredClaims.addAll(List.of(paths));
      return this;
    }

    /** The expected {@code aud} of key binding JWTs and presentations (this verifier's identifier). */
    public Builder audience(String audience) {
      this.audience = Objects.requireNonNull(audience, "audience");
      return this;
    }

    /** Do not check the audience. Explicit leniency. */
    public Builder ignoreAudience() {
      this.ignoreAudience = true;
      return this;
    }

    /** A fixed expected nonce (tests, audits); use {@link #noncePerRequest()} for live verification. */
    public Builder nonce(String nonce) {
      this.nonce = Objects.requireNonNull(nonce, "nonce");
      return this;
    }

    /** The nonce is passed to {@link Verifier#verify(String, String)} on every call. */
    public Builder noncePerRequest() {
      this.noncePerRequest = true;
      return this;
    }

    /** Do not check the nonce. Explicit leniency: replayed presentations are accepted. */
    public Builder ignoreNonce() {
      this.ignoreNonce = true;
      return this;
    }

    /** Accept SD-JWTs without a key binding JWT. Explicit leniency: anyone holding the SD-JWT can present it. */
    public Builder allowMissingKeyBinding() {
      this.requireKeyBinding = false;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Tolerance for clock differences, at most 10 minutes; zero by default. */
    public Builder clockSkew(Duration skew) {
      if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("clock skew must be 0..10 minutes, found " + skew);
      }
      this.skew = skew;
      return this;
    }

    /** How old a key binding JWT or presentation may be; 5 minutes by default. */
    public Builder maxPresentationAge(Duration age) {
      if (age.isNegative() || age.isZero()) {
        throw new IllegalArgumentException("max presentation age must be positive, found " + age);
      }
      this.maxPresentationAge = age;
      return this;
    }

    /** How long ago a credential may have been issued; unlimited by default. */
    public Builder maxCredentialAge(Duration age) {
      if (age.isNegative() || age.isZero()) {
        throw new IllegalArgumentException("max credential age must be positive, found " + age);
      }
      this.maxCredentialAge = age;
      return this;
    }

    /** Accepted JWS algorithms; {@code ES256} only by default. {@code none} and HMAC are never accepted. */
    public Builder acceptedAlgorithms(JWSAlgorithm... algs) {
      Set<JWSAlgorithm> s = new LinkedHashSet<>();
      for (JWSAlgorithm a : algs) {
        if (!a.equals(JWSAlgorithm.ES256) && !a.equals(JWSAlgorithm.EdDSA) && !a.equals(JWSAlgorithm.ES256K)) {
          throw new IllegalArgumentException("algorithm " + a + " is not supported; use ES256, EdDSA or ES256K");
        }
        s.add(a);
      }
      if (s.isEmpty()) {
        throw new IllegalArgumentException("at least one algorithm is required");
      }
      this.algorithms = Set.copyOf(s);
      return this;
    }

    /**
     * The {@code typ} values accepted for SD-JWTs; {@code dc+sd-jwt} and {@code vc+sd-jwt} by default. Other values
     * (e.g. plain RFC 9901 test vectors) skip the SD-JWT VC rules ({@code vct} required).
     */
    public Builder sdJwtMediaTypes(String... types) {
      Set<String> s = new LinkedHashSet<>();
      for (String t : types) {
        s.add(t.toLowerCase(Locale.ROOT));
      }
      this.sdJwtTypes = Set.copyOf(s);
      return this;
    }

    /** Check credential status through {@code fetcher} (wrap it in a cache). */
    public Builder statusLists(StatusListFetcher fetcher) {
      this.statusLists = Objects.requireNonNull(fetcher, "fetcher");
      return this;
    }

    /** Do not check status lists. Explicit leniency: revoked credentials are accepted. */
    public Builder ignoreStatus() {
      this.ignoreStatus = true;
      return this;
    }

    /** Which JCA provider verifies each algorithm; {@link CryptoProviders#defaults()} (Conscrypt where it loads). */
    public Builder cryptoProviders(CryptoProviders providers) {
      this.providers = Objects.requireNonNull(providers, "providers");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @throws IllegalStateException when a required choice is missing or choices contradict each other
     */
    public Verifier build() {
      require(keys != null, "issuerKeys(...) is required");
      require(one(trustedIssuers != null, trust != null, anyIssuer),
          "choose exactly one of trustedIssuers(...), issuerTrust(...), acceptAnyIssuer()");
      require(one(acceptedTypes != null, anyType), "choose exactly one of acceptedTypes(...), acceptAnyType()");
      require(one(audience != null, ignoreAudience), "choose exactly one of audience(...), ignoreAudience()");
      require(one(nonce != null, noncePerRequest, ignoreNonce),
          "choose exactly one of nonce(...), noncePerRequest(), ignoreNonce()");
      require(one(statusLists != null, ignoreStatus), "choose exactly one of statusLists(...), ignoreStatus()");
      return new DefaultVerifier(new VerifierSettings(keys, trustedIssuers, trust, List.copyOf(requiredClaims),
          acceptedTypes, audience, nonce, noncePerRequest, requireKeyBinding, clock, skew, maxPresentationAge,
          maxCredentialAge, algorithms, sdJwtTypes, statusLists,
          providers == null ? CryptoProviders.defaults() : providers));
    }

    private static boolean one(boolean... bs) {
      int n = 0;
      for (boolean b : bs) {
        n += b ? 1 : 0;
      }
      return n == 1;
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalStateException(message);
      }
    }
  }
}
