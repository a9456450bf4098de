package io.zhixin.credentials.status;

/** A status list could not be fetched or is unusable. Unchecked; possibly retryable. */
public class StatusListException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StatusListException(String message) {
    super(message);
  }

  public StatusListException(String message, Throwable cause) {
    super(message, cause);
  }
}
