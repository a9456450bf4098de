package io.zhixin.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.utils.Numeric;

/**
 * Signs and sends the transactions of one account, and waits for their receipts.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Simulated first.</b> Every transaction is estimated ({@code eth_estimateGas}) before a nonce is
 *       assigned, so a call the contract would refuse throws a decoded {@link ContractRevertException}
 *       and uses no nonce.
 *   <li><b>Nonces.</b> The JVM keeps one nonce sequence per account and chain (chain id and genesis hash), shared by every manager
 *       of that account. A nonce is assigned, the transaction signed and broadcast under the sequence's
 *       lock, and the sequence advances only when the node accepted it: concurrent callers get distinct,
 *       gap-free nonces. On a nonce error ({@code nonce too low/high}) the sequence is re-read from the
 *       node and the transaction re-signed, unless the node already knows its hash.
 *   <li><b>Retries.</b> Connection failures, timeouts, HTTP 5xx/429 are retried with backoff for the
 *       {@link RetryPolicy}'s budget. A transaction that may have reached the node is re-sent as the
 *       <em>same signed bytes</em> (same hash), so it cannot be mined twice, and its receipt is looked
 *       up by hash. While waiting for a receipt, a transaction the node no longer knows (lost in an
 *       outage) is re-broadcast, again with the same bytes.
 *   <li><b>Idempotency keys.</b> An operation sent with a key remembers its signed transaction until it
 *       is mined or known dead; sending the same key again (for example after a
 *       {@link TransactionPendingException}) resumes that transaction instead of signing a new one.
 *   <li><b>Receipts</b> are polled every 100 ms by default; a receipt with status 0 is replayed with
 *       {@code eth_call} to decode the revert.
 * </ul>
 *
 * <p>Thread-safe. Each {@link ZhixinChain} with an account has one ({@link ZhixinChain#transactions()});
 * its settings come from {@link ZhixinChain.Builder}.
 */
public final class ChainTransactionManager {
  /** A signed transaction: what is re-sent, byte for byte, on retries. */
  record Signed(String hash, String raw, BigInteger nonce, Address to, String data) {}

  private enum Outcome { ACCEPTED, MINED_REVERTED, NONCE_CONFLICT, UNREACHABLE }

  private static final int MAX_NONCE_CONFLICTS = 5;
  private static final int MAX_DROPPED_RESENDS = 3;

  private final Rpc rpc;
  private final Account account;
  private final long chainId;
  private final NonceSequence sequence;
  private final Duration pollInterval;
  private final Duration receiptTimeout;

  ChainTransactionManager(Rpc rpc, Account account, long chainId, Duration pollInterval, Duration receiptTimeout) {
    this.rpc = rpc;
    this.account = account;
    this.chainId = chainId;
    this.sequence = NonceSequence.of(chainId + "/" + rpc.genesisHash(), account.address());
    this.pollInterval = pollInterval;
    this.receiptTimeout = receiptTimeout;
  }

  /** The sending account's address. */
  public Address address() {
    return account.address();
  }

  public long chainId() {
    return chainId;
  }

  Rpc rpc() {
    return rpc;
  }

  /** Sends a call of contract {@code to} with calldata {@code data} and waits for its receipt. */
  Receipt send(String what, Address to, String data, String idempotencyKey) {
    Objects.requireNonNull(to, "to");
    return execute(what, to, data, idempotencyKey);
  }

  /** Deploys {@code initCode} (bytecode followed by the encoded constructor arguments). */
  Receipt deploy(String what, String initCode) {
    return execute(what, null, initCode, null);
  }

  /** Whether a transaction with {@code idempotencyKey} was signed and is not yet known mined or dead. */
  boolean hasPending(String idempotencyKey) {
    return sequence.byKey.containsKey(idempotencyKey);
  }

  private Receipt execute(String what, Address to, String data, String key) {
    for (int resend = 0; ; resend++) {
      try {
        if (key != null) {
          Signed prior = sequence.byKey.get(key);
          if (prior != null) {
            Optional<Receipt> resumed = resume(what, prior, key);
            if (resumed.isPresent()) {
              return resumed.get();
            }
          }
        }
        if (resend > 0) {
          ensureContract(what, to);
        }
        BigInteger gasLimit = estimateGas(what, to, data);
        BigInteger gasPrice = rpc.check("read the gas price", rpc.send("read the gas price", rpc.web3j()::ethGasPrice)).getGasPrice();
        Signed signed = signAndBroadcast(what, to, data, gasLimit, gasPrice, key);
        return awaitReceipt(what, signed, key);
      } catch (Dropped dropped) {
        if (key != null) {
          sequence.byKey.remove(key);
        }
        // The node will never mine it (its nonce went to another transaction): nothing was written.
        if (resend + 1 >= MAX_DROPPED_RESENDS) {
          throw new ChainException("cannot " + what + ": transaction " + dropped.hash + " was dropped by the node "
              + (resend + 1) + " times; nothing was written");
        }
      }
    }
  }

  /** Re-sends a remembered transaction; empty when it is dead (its nonce was used by another). */
  private Optional<Receipt> resume(String what, Signed prior, String key) {
    try {
      return Optional.of(awaitReceipt(what, prior, key));
    } catch (Dropped dropped) {
      sequence.byKey.remove(key);
      return Optional.empty();
    }
  }

  private BigInteger estimateGas(String what, Address to, String data) {
    Transaction call = Transaction.createEthCallTransaction(account.address().toHex(), to == null ? null : to.toHex(), data);
    EthEstimateGas estimate = rpc.send(what + " (estimate gas)", () -> rpc.web3j().ethEstimateGas(call));
    if (estimate.hasError()) {
      throw Rpc.errorOf(what, estimate.getError(), null);
    }
    BigInteger gas = estimate.getAmountUsed();
    // Headroom: estimates can fall short when state changes between estimate and mining.
    return gas.multiply(BigInteger.valueOf(6)).divide(BigInteger.valueOf(5)).add(BigInteger.valueOf(20_000));
  }

  private Signed signAndBroadcast(String what, Address to, String data, BigInteger gasLimit, BigInteger gasPrice, String key) {
    sequence.lock.lock();
    try {
      Signed concurrent = key == null ? null : sequence.byKey.get(key);
      if (concurrent != null) {
        // Another caller sent the same operation while we were estimating: wait for its transaction.
        return concurrent;
      }
      for (int conflicts = 0; ; conflicts++) {
        if (conflicts > 0) {
          // A nonce conflict can mean the node lost state (a dev node restarted): is the contract still there?
          ensureContract(what, to);
        }
        if (sequence.next() == null) {
          sequence.set(pendingNonce());
        }
        Signed signed = sign(sequence.next(), to, data, gasLimit, gasPrice);
        if (key != null) {
          sequence.byKey.put(key, signed);
        }
        Outcome outcome = broadcast(what, signed);
        switch (outcome) {
          case ACCEPTED, MINED_REVERTED -> {
            sequence.advance();
            return signed;
          }
          case NONCE_CONFLICT -> {
            sequence.invalidate();
            if (key != null) {
              sequence.byKey.remove(key);
            }
            if (conflicts + 1 >= MAX_NONCE_CONFLICTS) {
              throw new ChainException("cannot " + what + ": the nonce of " + account.address() + " kept conflicting ("
                  + MAX_NONCE_CONFLICTS + " times); is another process sending from this account?");
            }
          }
          case UNREACHABLE -> {
            // It may or may not have reached the node: read the nonce from the node next time.
            sequence.invalidate();
            throw new TransactionPendingException("cannot " + what + ": the node at " + rpc.url()
                + " did not answer; transaction " + signed.hash() + " may still be mined"
                + (key != null ? " (sending again with the same idempotency key resumes it)" : ""), signed.hash(), null);
          }
          default -> throw new IllegalStateException(outcome.name());
        }
      }
    } catch (RuntimeException e) {
      if (key != null && !(e instanceof TransactionPendingException)) {
        sequence.byKey.remove(key);
      }
      throw e;
    } finally {
      sequence.lock.unlock();
    }
  }

  /** Refuses to send to a contract address that holds no code: a chain that was reset, or a wrong manifest. */
  private void ensureContract(String what, Address to) {
    if (to == null) {
      return;
    }
    String code = rpc.check("read code", rpc.send("read the code at " + to,
        () -> rpc.web3j().ethGetCode(to.toHex(), DefaultBlockParameterName.LATEST))).getCode();
    if (code == null || code.equals("0x") || code.isEmpty()) {
      throw new ChainException("cannot " + what + ": no contract at " + to + " any more; the node at " + rpc.url()
          + " seems to have lost its state (restarted dev chain?); nothing was written, deploy again");
    }
  }

  private BigInteger pendingNonce() {
    return rpc.check("read the nonce", rpc.send("read the nonce of " + account.address(),
        () -> rpc.web3j().ethGetTransactionCount(account.address().toHex(), DefaultBlockParameterName.PENDING)))
        .getTransactionCount();
  }

  private Signed sign(BigInteger nonce, Address to, String data, BigInteger gasLimit, BigInteger gasPrice) {
    RawTransaction tx = to == null
        ? RawTransaction.createContractTransaction(nonce, gasPrice, gasLimit, BigInteger.ZERO, data)
        : RawTransaction.createTransaction(nonce, gasPrice, gasLimit, to.toHex(), BigInteger.ZERO, data);
    String raw = Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, account.credentials()));
    return new Signed(Hash.sha3(raw), raw, nonce, to, data);
  }

  /**
   * Broadcasts {@code signed}, re-sending the same bytes on transient failures, and says what became
   * of it. Throws for a definitive rejection (nothing was accepted, the nonce is unused).
   */
  private Outcome broadcast(String what, Signed signed) {
    long deadline = System.nanoTime() + rpc.retryPolicy().budget().toNanos();
    int attempt = 0;
    while (true) {
      EthSendTransaction response;
      try {
        response = rpc.web3j().ethSendRawTransaction(signed.raw()).send();
      } catch (IOException | ClientConnectionException e) {
        if (!Rpc.isTransient(e) || System.nanoTime() >= deadline) {
          return Outcome.UNREACHABLE;
        }
        Rpc.sleep(rpc.retryPolicy().backoffMillis(attempt++));
        continue;
      }
      if (!response.hasError()) {
        return Outcome.ACCEPTED;
      }
      Response.Error error = response.getError();
      String message = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
      if (Rpc.revertData(error) != null) {
        // Hardhat mines a reverting transaction and reports the revert: the nonce is used.
        if (isKnown(signed.hash())) {
          return Outcome.MINED_REVERTED;
        }
        throw Rpc.errorOf(what, error, null);
      }
      if (message.contains("already known") || message.contains("known transaction") || message.contains("already imported")
          || message.contains("already in pool") || message.contains("already exists")) {
        return Outcome.ACCEPTED;
      }
      if (message.contains("nonce") || message.contains("replacement transaction underpriced")) {
        return isKnown(signed.hash()) ? Outcome.ACCEPTED : Outcome.NONCE_CONFLICT;
      }
      throw new ChainException("cannot " + what + ": the node refused the transaction: " + error.getCode() + " " + error.getMessage());
    }
  }

  private boolean isKnown(String hash) {
    return rpc.check("look up transaction " + hash, rpc.send("look up transaction " + hash,
        () -> rpc.web3j().ethGetTransactionByHash(hash))).getTransaction().isPresent();
  }

  private Receipt awaitReceipt(String what, Signed signed, String key) {
    long deadline = System.nanoTime() + receiptTimeout.toNanos();
    long lastCheck = System.nanoTime();
    Exception lastOutage = null;
    while (true) {
      try {
        EthGetTransactionReceipt response = rpc.web3j().ethGetTransactionReceipt(signed.hash()).send();
        if (response.hasError()) {
          throw new ChainException("cannot " + what + ": reading receipt " + signed.hash() + " failed: " + response.getError().getMessage());
        }
        Optional<TransactionReceipt> receipt = response.getTransactionReceipt();
        if (receipt.isPresent()) {
          if (key != null) {
            sequence.byKey.remove(key);
          }
          return checked(what, signed, receipt.get());
        }
        // Every second without a receipt: make sure the node still has it, or give it back.
        if (System.nanoTime() - lastCheck > 1_000_000_000L) {
          lastCheck = System.nanoTime();
          if (!isKnown(signed.hash())) {
            rebroadcast(what, signed);
          }
        }
      } catch (IOException | ClientConnectionException | ChainUnavailableException e) {
        lastOutage = e;
      }
      if (System.nanoTime() >= deadline) {
        throw new TransactionPendingException("cannot " + what + ": no receipt for transaction " + signed.hash() + " within "
            + receiptTimeout.toSeconds() + " s; it may still be mined"
            + (key != null ? " (sending again with the same idempotency key resumes it)" : ""), signed.hash(), lastOutage);
      }
      Rpc.sleep(lastOutage == null ? pollInterval.toMillis() : Math.max(pollInterval.toMillis(), 250));
      lastOutage = null;
    }
  }

  private void rebroadcast(String what, Signed signed) {
    sequence.lock.lock();
    try {
      Outcome outcome = broadcast(what, signed);
      if (outcome == Outcome.NONCE_CONFLICT) {
        sequence.invalidate();
        throw new Dropped(signed.hash());
      }
    } catch (ContractRevertException e) {
      // It reverted when re-sent after being lost; the receipt poll reports it.
    } finally {
      sequence.lock.unlock();
    }
  }

  private Receipt checked(String what, Signed signed, TransactionReceipt receipt) {
    if (receipt.isStatusOK()) {
      return new Receipt(receipt);
    }
    // Replay on the state before its block to learn why it failed.
    BigInteger parent = receipt.getBlockNumber().subtract(BigInteger.ONE).max(BigInteger.ZERO);
    try {
      if (signed.to() != null) {
        rpc.call(what, account.address(), signed.to(), signed.data(), DefaultBlockParameter.valueOf(parent));
      }
    } catch (ContractRevertException e) {
      throw ContractErrors.decode(what, e.revertData(), receipt.getTransactionHash());
    }
    throw ContractErrors.decode(what, "0x", receipt.getTransactionHash());
  }

  @Override
  public String toString() {
    return "ChainTransactionManager[" + account.address() + " on chain " + chainId + " at " + rpc.url() + "]";
  }

  /** The node will never mine this transaction: its nonce was used by another. */
  private static final class Dropped extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String hash;

    Dropped(String hash) {
      super(null, null, false, false);
      this.hash = hash;
    }
  }
}
