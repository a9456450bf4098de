package io.zhixin.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.protocol.core.DefaultBlockParameterName;

/** The transaction manager's guarantees, against the dev chain: nonces under concurrency, outages, resubmission. */
@WithDevChain
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainTransactionManagerIT {
  private static final Bytes32 SCHEMA = Bytes32.keccak("zhixin:schema:outage-test");
  private ZhixinChain root;

  @BeforeAll
  void deploy(DevChain chain) {
    root = Fixtures.deployed(chain);
    root.attestations().registerSchema(SCHEMA, Bytes32.ofText("test"), "a number", true);
    for (int i : new int[] {17, 18}) {
      root.trustRegistry().accredit(TrustRegistry.Grant.to(Fixtures.account(chain, i).address()).scopes(SCHEMA));
    }
  }

  private static long nonceOnNode(DevChain chain, Address account) throws Exception {
    return chain.web3j().ethGetTransactionCount(account.toHex(), DefaultBlockParameterName.LATEST).send().getTransactionCount().longValueExact();
  }

  private static long nonceOf(DevChain chain, String txHash) throws Exception {
    return chain.web3j().ethGetTransactionByHash(txHash).send().getTransaction().orElseThrow().getNonce().longValueExact();
  }

  @Test
  void send_eightThreadsTimesTenFromOneAccount_allMinedWithGapFreeNonces(DevChain chain) throws Exception {
    Address sender = Fixtures.account(chain, 16).address();
    long before = nonceOnNode(chain, sender);
    // Two connections of the same account: the JVM still keeps one nonce sequence for it.
    ZhixinChain a = Fixtures.as(chain, 16, root.deployment());
    ZhixinChain b = Fixtures.as(chain, 16, root.deployment());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<List<Receipt>>> futures = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      ZhixinChain connection = t % 2 == 0 ? a : b;
      Bytes32 list = Bytes32.keccak("concurrency list " + t + " " + System.nanoTime());
      futures.add(pool.submit(() -> {
        List<Receipt> receipts = new ArrayList<>();
        for (int v = 1; v <= 10; v++) {
          receipts.add(connection.statusLists().anchor(list, v, Bytes32.keccak("digest " + v)));
        }
        return receipts;
      }));
    }
    List<Long> nonces = new ArrayList<>();
    for (Future<List<Receipt>> f : futures) {
      for (Receipt r : f.get()) {
        nonces.add(nonceOf(chain, r.transactionHash()));
      }
    }
    pool.shutdown();

    assertThat(nonces).hasSize(80).doesNotHaveDuplicates();
    assertThat(nonces.stream().sorted().toList()).isEqualTo(java.util.stream.LongStream.range(before, before + 80).boxed().toList());
    assertThat(nonceOnNode(chain, sender)).isEqualTo(before + 80);
    a.close();
    b.close();
  }

  @Test
  void attest_nodeCutAndResponsesLostMidRun_everyAttestationWrittenExactlyOnce(DevChain chain) throws Exception {
    Address attester = Fixtures.account(chain, 17).address();
    long before = nonceOnNode(chain, attester);
    Bytes32 subject = Fixtures.random();
    try (FlakyProxy proxy = new FlakyProxy(chain.rpcUrl());
        ZhixinChain viaProxy = ZhixinChain.builder().rpcUrl(proxy.url()).account(Fixtures.account(chain, 17))
            .deployment(root.deployment()).retryPolicy(new RetryPolicy(Duration.ofSeconds(20), Duration.ofMillis(50), Duration.ofMillis(500)))
            .build()) {
      Set<Bytes32> ids = new HashSet<>();
      for (int i = 0; i < 30; i++) {
        if (i == 5 || i == 20) {
          // The node is unreachable for a while; the call in progress waits it out.
          proxy.cut();
          Thread restorer = new Thread(() -> {
            Fixtures.sleep(1200);
            Fixtures.restore(proxy);
          });
          restorer.start();
        }
        if (i == 10) {
          // The node mines the next three transactions but their answers are lost.
          proxy.dropNextSendResponses(3, false);
        }
        AttestationRegistry.Attested attested = viaProxy.attestations().attest(AttestationEntry.of(SCHEMA, subject, i, Fixtures.random()));
        ids.add(attested.id());
      }
      assertThat(proxy.cuts()).isEqualTo(2);
      assertThat(proxy.dropped()).isEqualTo(3);
      assertThat(ids).hasSize(30);
    }
    // Exactly 30 attestations and 30 transactions: nothing was written twice, no nonce skipped.
    assertThat(root.attestations().attestationCount(subject)).isEqualTo(30);
    assertThat(nonceOnNode(chain, attester)).isEqualTo(before + 30);
  }

  @Test
  void attest_outcomeUnknownThenRetried_resumesTheSameTransaction(DevChain chain) throws Exception {
    Address attester = Fixtures.account(chain, 18).address();
    Bytes32 subject = Fixtures.random();
    AttestationEntry entry = AttestationEntry.of(SCHEMA, subject, 7, Fixtures.random());
    try (FlakyProxy proxy = new FlakyProxy(chain.rpcUrl());
        ZhixinChain viaProxy = ZhixinChain.builder().rpcUrl(proxy.url()).account(Fixtures.account(chain, 18))
            .deployment(root.deployment()).retryPolicy(new RetryPolicy(Duration.ofMillis(400), Duration.ofMillis(50), Duration.ofMillis(100)))
            .build()) {
      long before = nonceOnNode(chain, attester);
      // The node mines it, the answer is lost, and the node stays unreachable past the retry budget.
      proxy.dropNextSendResponses(1, true);
      TransactionPendingException pending = (TransactionPendingException) org.assertj.core.api.Assertions.catchThrowable(
          () -> viaProxy.attestations().attest(entry));
      assertThat(pending).isNotNull();
      assertThat(chain.web3j().ethGetTransactionReceipt(pending.transactionHash()).send().getTransactionReceipt()).isPresent();

      proxy.restore();
      AttestationRegistry.Attested retried = viaProxy.attestations().attest(entry);
      assertThat(retried.transactionHash()).isEqualTo(pending.transactionHash());
      assertThat(root.attestations().attestationCount(subject)).isEqualTo(1);
      assertThat(nonceOnNode(chain, attester)).isEqualTo(before + 1);

      // Retried once more after it is known mined: found on chain, nothing sent.
      assertThat(viaProxy.attestations().attest(entry).alreadyWritten()).isTrue();
      assertThat(nonceOnNode(chain, attester)).isEqualTo(before + 1);
    }
  }

  @Test
  void attest_sameEntryFromFourThreadsAtOnce_writtenOnce(DevChain chain) throws Exception {
    ZhixinChain attester = Fixtures.as(chain, 17, root.deployment());
    Bytes32 subject = Fixtures.random();
    AttestationEntry entry = AttestationEntry.of(SCHEMA, subject, 99, Fixtures.random());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<AttestationRegistry.Attested>> results = new ArrayList<>();
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    for (int t = 0; t < 4; t++) {
      results.add(pool.submit(() -> {
        go.await();
        return attester.attestations().attest(entry);
      }));
    }
    go.countDown();
    Set<Bytes32> ids = new HashSet<>();
    for (Future<AttestationRegistry.Attested> r : results) {
      ids.add(r.get().id());
    }
    pool.shutdown();
    assertThat(ids).hasSize(1);
    assertThat(root.attestations().attestationCount(subject)).isEqualTo(1);
    assertThat(root.attestations().attestedBetween(root.deployment().block(), root.blockNumber(), SCHEMA))
        .filteredOn(e -> e.subject().equals(subject)).hasSize(1);
  }

  @Test
  void connect_nodeDown_throwsChainUnavailableAfterTheRetryBudget() throws Exception {
    try (FlakyProxy proxy = new FlakyProxy("http://127.0.0.1:9")) {
      proxy.cut();
      long start = System.nanoTime();
      assertThatThrownBy(() -> ZhixinChain.builder().rpcUrl(proxy.url())
              .retryPolicy(new RetryPolicy(Duration.ofMillis(300), Duration.ofMillis(50), Duration.ofMillis(100))).build())
          .isInstanceOf(ChainUnavailableException.class)
          .hasMessageContaining("did not answer");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
    }
  }

  @Test
  void send_toAnAddressWithoutTheContract_throwsInsteadOfReportingSuccess(DevChain chain) {
    ZhixinChain sender = Fixtures.as(chain, 19, root.deployment());
    StatusListAnchorRegistry nowhere = StatusListAnchorRegistry.at(sender, Fixtures.account(chain, 19).address());
    assertThatThrownBy(() -> nowhere.anchor(Bytes32.keccak("x"), 1, Bytes32.keccak("y")))
        .isInstanceOf(ChainException.class).hasMessageContaining("emitted nothing");
    assertThatThrownBy(() -> nowhere.latest(sender.sender().orElseThrow(), Bytes32.keccak("x")))
        .isInstanceOf(ChainException.class).hasMessageContaining("no contract answered");
    assertThat(BigInteger.ONE).isNotNull();
  }
}
