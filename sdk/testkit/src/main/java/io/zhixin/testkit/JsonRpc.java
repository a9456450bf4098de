package io.zhixin.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one JSON-RPC call the launcher needs before web3j is set up: {@code eth_chainId}. */
final class JsonRpc {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
  private static final Pattern RESULT = Pattern.compile("\"result\"\\s*:\\s*\"0x([0-9a-fA-F]+)\"");

  private JsonRpc() {}

  static boolean answers(String rpcUrl) {
    try {
      chainId(rpcUrl);
      return true;
    } catch (DevChainException e) {
      return false;
    }
  }

  static long chainId(String rpcUrl) {
    URI uri;
    try {
      uri = URI.create(rpcUrl);
    } catch (IllegalArgumentException e) {
      throw new DevChainException("not a URL: " + rpcUrl);
    }
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
        .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      Matcher m = RESULT.matcher(response.body());
      if (response.statusCode() != 200 || !m.find()) {
        throw new DevChainException(rpcUrl + " did not answer eth_chainId (HTTP " + response.statusCode() + ")");
      }
      return Long.parseLong(m.group(1), 16);
    } catch (IOException e) {
      throw new DevChainException("cannot reach " + rpcUrl + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevChainException("interrupted while calling " + rpcUrl, e);
    }
  }
}
