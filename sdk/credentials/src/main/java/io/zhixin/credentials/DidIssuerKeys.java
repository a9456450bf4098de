package io.zhixin.credentials;

import com.nimbusds.jose.jwk.JWK;
import io.zhixin.did.DidDereferencingResult;
import io.zhixin.did.DidResolutionResult;
import io.zhixin.did.DidResolver;
import io.zhixin.did.VerificationMethod;
import io.zhixin.did.VerificationRelationship;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An {@link IssuerKeyResolver} backed by a {@link DidResolver}: the {@code kid} (a DID URL, or {@code #fragment}
 * relative to the issuer) is dereferenced to a verification method of the issuer's own DID document. Immutable and
 * thread-safe.
 *
 * <h2>What this checks</h2>
 * The method belongs to the issuer's DID (never another DID's key), is listed under {@code assertionMethod} or
 * {@code authentication}, is not in a deactivated document, and carries a public key. Without a {@code kid} the
 * document must have exactly one {@code assertionMethod}. Any failure returns {@code null}, which verifiers report
 * as the {@code issuer_key} check.
 *
 * <pre>{@code
 * DidResolver dids = DidResolver.builder().method(DidKey.method()).method(DidWeb.method()).build();
 * Verifier v = Verifier.builder().issuerKeys(DidIssuerKeys.of(dids))...build();
 * }</pre>
 */
public final class DidIssuerKeys implements IssuerKeyResolver {

  private static final Set<VerificationRelationship> SIGNING = Set.of(VerificationRelationship.ASSERTION_METHOD,
      VerificationRelationship.AUTHENTICATION);

  private final DidResolver dids;

  private DidIssuerKeys(DidResolver dids) {
    this.dids = Objects.requireNonNull(dids, "dids");
  }

  public static DidIssuerKeys of(DidResolver dids) {
    return new DidIssuerKeys(dids);
  }

  @Override
  public JWK resolve(String issuer, String kid) {
    boolean didIssuer = issuer != null && issuer.startsWith("did:");
    String url = kid != null && kid.startsWith("#") && didIssuer ? issuer + kid : kid;
    if (url == null) {
      return didIssuer ? soleAssertionKey(issuer) : null;
    }
    if (!url.startsWith("did:") || (didIssuer && !url.startsWith(issuer + "#"))) {
      return null;
    }
    DidDereferencingResult r = dids.dereference(url);
    if (!r.isSuccess() || r.relationships().stream().noneMatch(SIGNING::contains)) {
      return null;
    }
    return r.publicJwk().orElse(null);
  }

  private JWK soleAssertionKey(String issuer) {
    DidResolutionResult r = dids.resolve(issuer);
    if (!r.isSuccess() || r.documentMetadata().deactivated()) {
      return null;
    }
    List<VerificationMethod> m = r.orElseThrow().verificationMethods(VerificationRelationship.ASSERTION_METHOD);
    return m.size() == 1 ? m.get(0).publicJwk().orElse(null) : null;
  }

  @Override
  public String toString() {
    return "DidIssuerKeys" + dids.methods();
  }
}
