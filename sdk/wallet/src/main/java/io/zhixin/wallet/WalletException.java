package io.zhixin.wallet;

/**
 * A wallet operation did not happen; {@link #reason()} says why, the message says what was expected and found.
 * Nothing was stored or sent when this is thrown, except where {@link Reason} says otherwise.
 */
public final class WalletException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a wallet operation failed. */
  public enum Reason {
    /** The offer URI or offer JSON is malformed or unsupported (e.g. no pre-authorized code). */
    OFFER_INVALID,
    /** The offer needs a transaction code and none was given. */
    TX_CODE_REQUIRED,
    /** The issuer or its authorization server answered with an OAuth / OpenID4VCI error; see {@link #errorCode()}. */
    ISSUER_ERROR,
    /** The issued credential does not verify, is not bound to the wallet's key, or has an unexpected format. */
    CREDENTIAL_INVALID,
    /** The presentation request is malformed, unsigned where it must be signed, or its signature is wrong. */
    REQUEST_INVALID,
    /** The presentation request has expired. */
    REQUEST_EXPIRED,
    /** No stored credential can answer the request. */
    NO_MATCHING_CREDENTIAL,
    /** The request asks for claims the holder did not approve; nothing was sent. */
    NOT_APPROVED,
    /** The verifier refused the presentation; see {@link #errorCode()}. */
    VERIFIER_REJECTED,
    /** A network or file error; retrying may help. */
    IO
  }

  private final Reason reason;
  private final String errorCode;

  public WalletException(Reason reason, String message) {
    this(reason, null, message);
  }

  public WalletException(Reason reason, String errorCode, String message) {
    super(message);
    this.reason = reason;
    this.errorCode = errorCode;
  }

  public Reason reason() {
    return reason;
  }

  /** The protocol error code ({@code invalid_grant}, {@code invalid_request}, …) when the other side sent one. */
  public String errorCode() {
    return errorCode;
  }
}
