package io.zhixin.cli;

/** A failure the user can act on; printed as one line, exit code 1. */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliException(String message) {
    super(message);
  }
}
