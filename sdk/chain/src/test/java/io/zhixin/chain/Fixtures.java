package io.zhixin.chain;

import io.zhixin.testkit.DevChain;
import java.security.SecureRandom;

/** Shared test setup: connections for dev accounts and a fresh deployment per test class. */
final class Fixtures {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Fixtures() {}

  static Account account(DevChain chain, int index) {
    return Account.of(chain.account(index));
  }

  /** A connection as dev account {@code index}, without a deployment. */
  static ZhixinChain connect(DevChain chain, int index) {
    return ZhixinChain.builder().rpcUrl(chain.rpcUrl()).account(account(chain, index)).build();
  }

  /** Deploys every contract from dev account 0 (the root authority) and returns its connection. */
  static ZhixinChain deployed(DevChain chain) {
    ZhixinChain root = connect(chain, 0);
    return root.withDeployment(root.deploy());
  }

  /** The connection of dev account {@code index} to {@code deployment}. */
  static ZhixinChain as(DevChain chain, int index, Deployment deployment) {
    return ZhixinChain.connect(chain.rpcUrl(), account(chain, index), deployment);
  }

  /** A random pseudonym or commitment: never derived from personal data. */
  static Bytes32 random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Bytes32.of(b);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void restore(FlakyProxy proxy) {
    try {
      proxy.restore();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
