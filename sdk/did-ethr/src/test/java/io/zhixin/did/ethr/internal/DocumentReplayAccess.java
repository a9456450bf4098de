package io.zhixin.did.ethr.internal;

/** Lets tests in other packages reach package-private helpers. */
public final class DocumentReplayAccess {
  private DocumentReplayAccess() {}

  public static String base58(byte[] bytes) {
    return DocumentReplay.Base58.encode(bytes);
  }
}
