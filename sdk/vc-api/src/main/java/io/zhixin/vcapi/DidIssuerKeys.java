package io.zhixin.vcapi;

import com.nimbusds.jose.jwk.JWK;
import io.zhixin.credentials.IssuerKeyResolver;
import io.zhixin.did.DidDereferencingResult;
import io.zhixin.did.DidDocument;
import io.zhixin.did.DidResolutionResult;
import io.zhixin.did.DidResolver;
import io.zhixin.did.VerificationMethod;
import io.zhixin.did.VerificationRelationship;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Finds issuer and holder keys by resolving DIDs: the {@code kid} (a DID URL, or a {@code #fragment} relative to the
 * issuer) is dereferenced with a {@link DidResolver} to a verification method of the issuer's own DID document.
 * Immutable and thread-safe when the resolver is (it is).
 *
 * <h2>What this checks</h2>
 * The {@code kid} must be a verification method of the issuer's DID (a key of another DID is never returned), the
 * method must be listed under {@code assertionMethod} or {@code authentication}, and it must carry a public key.
 * Without a {@code kid}, the issuer's document must have exactly one {@code assertionMethod} key. Every failure
 * (unresolvable DID, unknown method, no key) returns {@code null}, which verifiers report as the
 * {@code issuer_key} check; nothing throws.
 *
 * <pre>{@code
 * DidResolver dids = DidResolver.builder().method(DidKey.method()).method(DidJwk.method())
 *     .method(DidWeb.method()).build();
 * Verifier verifier = Verifier.builder().issuerKeys(DidIssuerKeys.of(dids))...build();
 * }</pre>
 */
public final class DidIssuerKeys implements IssuerKeyResolver {

  private static final Set<VerificationRelationship> SIGNING = Set.of(VerificationRelationship.ASSERTION_METHOD,
      VerificationRelationship.AUTHENTICATION);

  private final DidResolver resolver;

  private DidIssuerKeys(DidResolver resolver) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /** Keys from DIDs resolved by {@code resolver}. */
  public static DidIssuerKeys of(DidResolver resolver) {
    return new DidIssuerKeys(resolver);
  }

  @Override
  public JWK resolve(String issuer, String kid) {
    try {
      return find(issuer, kid);
    } catch (RuntimeException e) {
      // The contract is "null when no key is known"; a misbehaving driver must not turn into an exception here.
      return null;
    }
  }

  private JWK find(String issuer, String kid) {
    boolean didIssuer = issuer != null && issuer.startsWith("did:");
    if (kid == null) {
      return didIssuer ? soleAssertionKey(issuer) : null;
    }
    String url = kid.startsWith("#") && didIssuer ? issuer + kid : kid;
    if (!url.startsWith("did:") || (didIssuer && !url.startsWith(issuer + "#"))) {
      return null;
    }
    DidDereferencingResult r = resolver.dereference(url);
    if (!r.isSuccess() || r.relationships().stream().noneMatch(SIGNING::contains)) {
      return null;
    }
    return r.publicJwk().orElse(null);
  }

  private JWK soleAssertionKey(String issuer) {
    DidResolutionResult r = resolver.resolve(issuer);
    if (!r.isSuccess() || r.documentMetadata().deactivated()) {
      return null;
    }
    DidDocument doc = r.orElseThrow();
    List<VerificationMethod> methods = doc.verificationMethods(VerificationRelationship.ASSERTION_METHOD);
    if (methods.size() != 1) {
      return null;
    }
    return methods.get(0).publicJwk().orElse(null);
  }

  @Override
  public String toString() {
    return "DidIssuerKeys" + resolver.methods();
  }
}
