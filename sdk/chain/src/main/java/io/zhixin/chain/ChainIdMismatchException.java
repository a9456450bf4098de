package io.zhixin.chain;

/** A deployment manifest names a chain other than the one the node serves. */
public final class ChainIdMismatchException extends ChainException {
  private static final long serialVersionUID = 1L;
  private final long expected;
  private final long actual;

  public ChainIdMismatchException(long expected, long actual, String where) {
    super("the deployment manifest is for chain id " + expected + " but the node at " + where + " serves chain id " + actual
        + ": point --rpc-url at the chain it was deployed to, or deploy again");
    this.expected = expected;
    this.actual = actual;
  }

  /** The chain id in the manifest. */
  public long expected() {
    return expected;
  }

  /** The chain id the node reports. */
  public long actual() {
    return actual;
  }
}
