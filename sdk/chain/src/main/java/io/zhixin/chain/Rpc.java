package io.zhixin.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;

/** JSON-RPC with retries on transient failures; the one place that talks to the node. Thread-safe. */
final class Rpc implements AutoCloseable {
  private static final Pattern HEX_DATA = Pattern.compile("(0x[0-9a-fA-F]*)");
  private static final Pattern HTTP_STATUS = Pattern.compile("Invalid response received: (\\d{3})");

  private static final Duration CONNECT_BUDGET = Duration.ofSeconds(5);

  private final String url;
  private final HttpService service;
  private final Web3j web3j;
  private final RetryPolicy retry;

  Rpc(String url, RetryPolicy retry) {
    this.url = url;
    this.retry = retry;
    OkHttpClient http = new OkHttpClient.Builder()
        .connectTimeout(5, TimeUnit.SECONDS)
        .readTimeout(30, TimeUnit.SECONDS)
        .writeTimeout(30, TimeUnit.SECONDS)
        // Our retries decide what is safe to repeat; OkHttp's silent ones would hide outages.
        .retryOnConnectionFailure(false)
        .build();
    this.service = new HttpService(url, http);
    this.web3j = Web3j.build(service);
  }

  String url() {
    return url;
  }

  Web3j web3j() {
    return web3j;
  }

  /** For methods web3j has no call for (debug_traceTransaction). */
  HttpService service() {
    return service;
  }

  RetryPolicy retryPolicy() {
    return retry;
  }

  /** A request built by {@code request}, sent until it gets an answer (which may be a JSON-RPC error). */
  <R extends Response<?>> R send(String what, RequestFactory<R> request) {
    return send(what, request, retry.budget());
  }

  <R extends Response<?>> R send(String what, RequestFactory<R> request, Duration budget) {
    long deadline = System.nanoTime() + budget.toNanos();
    int attempt = 0;
    while (true) {
      try {
        R response = request.create().send();
        if (response.hasError() && isTransient(response.getError())) {
          throw new IOException("transient JSON-RPC error " + response.getError().getCode() + ": " + response.getError().getMessage());
        }
        return response;
      } catch (IOException | ClientConnectionException e) {
        if (!isTransient(e) || System.nanoTime() >= deadline) {
          throw new ChainUnavailableException("cannot " + what + ": the node at " + url + " did not answer ("
              + e.getMessage() + ")" + (attempt > 0 ? " after " + (attempt + 1) + " attempts" : ""), e);
        }
        sleep(Math.min(retry.backoffMillis(attempt++), Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
      }
    }
  }

  static boolean isTransient(Exception e) {
    if (e instanceof IOException) {
      return true;
    }
    if (e instanceof ClientConnectionException) {
      Matcher m = HTTP_STATUS.matcher(String.valueOf(e.getMessage()));
      if (m.find()) {
        int status = Integer.parseInt(m.group(1));
        return status >= 500 || status == 429 || status == 408;
      }
      return true;
    }
    return false;
  }

  private static boolean isTransient(Response.Error error) {
    // -32005: limit exceeded (rate limiting); the rest are answers, not outages.
    return error.getCode() == -32005;
  }

  /** The chain id; the first contact with a node, so it gives up sooner than other calls (a wrong URL is common). */
  long chainId() {
    Duration budget = retry.budget().compareTo(CONNECT_BUDGET) < 0 ? retry.budget() : CONNECT_BUDGET;
    return check("read the chain id", send("read the chain id", web3j::ethChainId, budget)).getChainId().longValueExact();
  }

  private volatile String genesisHash;

  /** The hash of block 0: with the chain id, what tells two chains apart. */
  String genesisHash() {
    String hash = genesisHash;
    if (hash == null) {
      var block = check("read the genesis block", send("read the genesis block",
          () -> web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.ZERO), false))).getBlock();
      hash = block == null ? "unknown" : block.getHash();
      genesisHash = hash;
    }
    return hash;
  }

  BigInteger blockNumber() {
    return check("read the block number", send("read the block number", web3j::ethBlockNumber)).getBlockNumber();
  }

  /** eth_call; a revert becomes a decoded {@link ContractRevertException}. */
  String call(String what, Address from, Address to, String data, DefaultBlockParameter block) {
    EthCall response = send(what, () -> web3j.ethCall(
        Transaction.createEthCallTransaction(from == null ? null : from.toHex(), to.toHex(), data), block));
    if (response.hasError()) {
      throw errorOf(what, response.getError(), null);
    }
    return response.getValue();
  }

  List<Log> logs(String what, EthFilter filter) {
    EthLog response = check(what, send(what, () -> web3j.ethGetLogs(filter)));
    return response.getLogs().stream().map(r -> (Log) r.get()).toList();
  }

  <R extends Response<?>> R check(String what, R response) {
    if (response.hasError()) {
      throw errorOf(what, response.getError(), null);
    }
    return response;
  }

  /** A JSON-RPC error as an exception: a decoded revert when it carries revert data. */
  static ChainException errorOf(String what, Response.Error error, String txHash) {
    String revertData = revertData(error);
    if (revertData != null) {
      return ContractErrors.decode(what, revertData, txHash);
    }
    return new ChainException("cannot " + what + ": the node answered " + error.getCode() + " " + error.getMessage());
  }

  /** The revert data of an error, or null when it is not a revert. */
  static String revertData(Response.Error error) {
    String message = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
    boolean revert = error.getCode() == 3 || message.contains("revert");
    if (!revert) {
      return null;
    }
    String data = error.getData();
    if (data != null) {
      Matcher m = HEX_DATA.matcher(data);
      if (m.find()) {
        return m.group(1);
      }
    }
    return "0x";
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainException("interrupted", e);
    }
  }

  @Override
  public void close() {
    web3j.shutdown();
  }

  @FunctionalInterface
  interface RequestFactory<R extends Response<?>> {
    Request<?, R> create();
  }
}
