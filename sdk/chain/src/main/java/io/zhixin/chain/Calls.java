package io.zhixin.chain;

import java.util.concurrent.Callable;

/** Runs a web3j call and turns its many exception types into one {@link ChainException}. */
final class Calls {
  private Calls() {}

  static <T> T send(String what, Callable<T> call) {
    try {
      return call.call();
    } catch (ChainException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainException("interrupted: " + what, e);
    } catch (Exception e) {
      throw new ChainException("cannot " + what + ": " + e.getMessage(), e);
    }
  }
}
