package io.zhixin.oid4vp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhixin.credentials.VerifiedCredential;
import io.zhixin.http.Http;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a presentation request stands: still waiting, verified (with the verified credentials per credential
 * query id), rejected (with the reasons), refused by the holder, or expired. Immutable.
 */
public final class PresentationResult {
  /** The state of a request. */
  public enum Status {
    /** No answer yet. */
    PENDING,
    /** The wallet answered and every check passed. */
    VERIFIED,
    /** The wallet answered and a check failed; see {@link #problems()}. */
    REJECTED,
    /** The wallet answered with an error, e.g. {@code access_denied} when the holder declined. */
    REFUSED,
    /** No valid answer arrived before the request expired. */
    EXPIRED
  }

  private final Status status;
  private final Map<String, List<VerifiedCredential>> credentials;
  private final List<String> problems;
  private final String walletError;

  PresentationResult(Status status, Map<String, List<VerifiedCredential>> credentials, List<String> problems,
      String walletError) {
    this.status = status;
    this.credentials = credentials == null ? Map.of() : java.util.Collections.unmodifiableMap(
        new LinkedHashMap<>(credentials));
    this.problems = List.copyOf(problems);
    this.walletError = walletError;
  }

  static PresentationResult pending() {
    return new PresentationResult(Status.PENDING, null, List.of(), null);
  }

  public Status status() {
    return status;
  }

  public boolean isVerified() {
    return status == Status.VERIFIED;
  }

  /** The verified credentials by credential query id; empty unless {@link Status#VERIFIED}. */
  public Map<String, List<VerifiedCredential>> credentials() {
    return credentials;
  }

  /**
   * The verified claims of the first credential answering {@code credentialQueryId}.
   *
   * @throws IllegalStateException when the result is not verified or has no such query
   */
  public Map<String, Object> claims(String credentialQueryId) {
    List<VerifiedCredential> l = credentials.get(credentialQueryId);
    if (!isVerified() || l == null || l.isEmpty()) {
      throw new IllegalStateException("no verified credential for " + credentialQueryId + " (status " + status + ")");
    }
    return l.get(0).claims();
  }

  /** Why the answer was rejected. */
  public List<String> problems() {
    return problems;
  }

  /** The wallet's {@code error} code when {@link Status#REFUSED}. */
  public String walletError() {
    return walletError;
  }

  /** The JSON the status endpoint serves: {@code status}, and {@code credentials} or {@code problems}. */
  public ObjectNode toJson() {
    ObjectNode n = Http.object().put("status", status.name().toLowerCase(java.util.Locale.ROOT));
    if (isVerified()) {
      ObjectNode cs = n.putObject("credentials");
      credentials.forEach((id, list) -> {
        ArrayNode a = cs.putArray(id);
        for (VerifiedCredential c : list) {
          ObjectNode o = a.addObject().put("issuer", c.issuer()).put("format", c.format().mediaType());
          o.set("claims", Http.json().valueToTree(c.claims()));
        }
      });
    }
    if (!problems.isEmpty()) {
      ArrayNode p = n.putArray("problems");
      problems.forEach(p::add);
    }
    if (walletError != null) {
      n.put("error", walletError);
    }
    return n;
  }

  @Override
  public String toString() {
    return "PresentationResult{" + status + ", " + credentials.keySet() + ", problems=" + problems + "}";
  }
}
