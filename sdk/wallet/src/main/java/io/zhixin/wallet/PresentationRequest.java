package io.zhixin.wallet;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The consent view of an OpenID4VP request: who asks (the verifier's client id, and whether its request was
 * signed by that identity), why (the purposes it states), and what (per credential query: the claims and the
 * stored credential that would answer). Nothing has been sent yet: call {@link #respond(Set)} with the claims the
 * holder approves, or {@link #decline()}.
 */
public final class PresentationRequest {

  /**
   * One credential the verifier asks for.
   *
   * @param queryId the DCQL credential query id
   * @param format {@code dc+sd-jwt} or {@code jwt_vc_json}
   * @param types the acceptable {@code vct} values or W3C types
   * @param claims the requested claim paths (slash-separated, {@code *} for any array element)
   * @param credentialId the stored credential that would answer, or null when none matches
   * @param required whether the request needs it
   */
  public record RequestedCredential(String queryId, String format, List<String> types, List<String> claims,
      String credentialId, boolean required) {}

  private final Wallet wallet;
  final Wallet.Request request;

  PresentationRequest(Wallet wallet, Wallet.Request request) {
    this.wallet = wallet;
    this.request = request;
  }

  /** The verifier's client id, prefix included ({@code decentralized_identifier:did:web:bank.example}). */
  public String verifierId() {
    return request.clientId();
  }

  /** Whether the request object was signed by the verifier's identity (false for {@code redirect_uri:} ids). */
  public boolean verifierAuthenticated() {
    return request.signed();
  }

  /** Why the verifier asks: the purposes of its credential sets (empty if it stated none). */
  public List<String> purposes() {
    return request.purposes();
  }

  /** What the verifier asks for. */
  public List<RequestedCredential> requested() {
    return request.items();
  }

  /** Where the answer goes. */
  public String responseUri() {
    return request.responseUri();
  }

  public Instant expiresAt() {
    return request.expiresAt();
  }

  /**
   * Answers with the requested claims, provided the holder approved every one of them. A claim is approved by its
   * path ({@code name}), by query id and path ({@code identity:name}), or by {@code *} (everything asked).
   *
   * @throws WalletException {@code NOT_APPROVED} (nothing sent) when a requested claim is not approved;
   *     {@code NO_MATCHING_CREDENTIAL}; {@code VERIFIER_REJECTED}; {@code REQUEST_EXPIRED}; {@code IO}
   */
  public PresentationOutcome respond(Set<String> approvedClaims) {
    return wallet.respond(request, approvedClaims);
  }

  /**
   * Tells the verifier the holder declined ({@code error=access_denied}).
   *
   * @throws WalletException {@code IO} when the verifier cannot be reached
   */
  public void decline() {
    wallet.decline(request);
  }

  @Override
  public String toString() {
    return "PresentationRequest{" + verifierId() + ", " + purposes() + ", " + requested() + "}";
  }
}
