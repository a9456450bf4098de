package io.zhixin.oid4vp;

import io.zhixin.http.QrCodes;
import java.time.Instant;

/**
 * A presentation request created by {@link VerifierService#request}: the URI to show as a QR code (cross-device)
 * or open as a link (same-device), and the transaction id to poll with. Immutable; the live result comes from
 * {@link VerifierService#result(String)}.
 *
 * <p>The transaction id is a secret of the page that created the request: whoever knows it can read the verified
 * claims. It never goes to the wallet.
 */
public final class PresentationSession {
  private final String transactionId;
  private final String requestUri;
  private final String statusUrl;
  private final Instant expiresAt;
  private final String purpose;

  PresentationSession(String transactionId, String requestUri, String statusUrl, Instant expiresAt, String purpose) {
    this.transactionId = transactionId;
    this.requestUri = requestUri;
    this.statusUrl = statusUrl;
    this.expiresAt = expiresAt;
    this.purpose = purpose;
  }

  /** The id to poll {@link VerifierService#result(String)} or the status URL with. */
  public String transactionId() {
    return transactionId;
  }

  /** {@code openid4vp://?client_id=…&request_uri=…}: the authorization request by reference. */
  public String requestUri() {
    return requestUri;
  }

  /** The URL a page polls for the result ({@code GET}, JSON). */
  public String statusUrl() {
    return statusUrl;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public String purpose() {
    return purpose;
  }

  /**
   * The request URI as a QR code PNG, about {@code size} pixels square.
   *
   * @throws IllegalArgumentException for a size outside 64..2048
   */
  public byte[] qrPng(int size) {
    return QrCodes.png(requestUri, size);
  }

  @Override
  public String toString() {
    return "PresentationSession{expires " + expiresAt + "}";
  }
}
