package io.zhixin.samples.chancheng;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

/**
 * PIPL rule: no personal data on chain, not even hashed. Runs the demo, then reads back everything
 * it wrote: every transaction's input, every log's topics and data, and every storage slot written
 * (keys and values, from the node's prestate diff), and looks for the demo people's name, ID
 * number, birth date and phone number as UTF-8, as numbers, and as SHA-256 and keccak-256 hashes.
 */
@WithDevChain
class ChainPrivacyIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void theDemoWritesNoPersonalDataNorItsHashesToTheChain(DevChain chain) throws Exception {
    long firstBlock = chain.blockNumber().longValueExact() + 1;
    ChanchengDemo.Outcome outcome = new ChanchengDemo(new PrintWriter(new StringWriter())).run(chain);
    long lastBlock = chain.blockNumber().longValueExact();

    StringBuilder written = new StringBuilder();
    int transactions = 0;
    for (long n = firstBlock; n <= lastBlock; n++) {
      JsonNode block = rpc(chain, "eth_getBlockByNumber", "0x" + Long.toHexString(n), true);
      for (JsonNode tx : block.path("transactions")) {
        transactions++;
        String hash = tx.path("hash").asText();
        written.append(tx.path("input").asText()).append('\n');
        for (JsonNode log : rpc(chain, "eth_getTransactionReceipt", hash).path("logs")) {
          log.path("topics").forEach(t -> written.append(t.asText()).append('\n'));
          written.append(log.path("data").asText()).append('\n');
        }
        Map<String, Object> diff = Map.of("tracer", "prestateTracer", "tracerConfig", Map.of("diffMode", true));
        rpc(chain, "debug_traceTransaction", hash, diff).path("post").forEach(account ->
            account.path("storage").fields().forEachRemaining(slot ->
                written.append(slot.getKey()).append(' ').append(slot.getValue().asText()).append('\n')));
      }
    }
    String haystack = written.toString().toLowerCase(Locale.ROOT);

    // The scan sees what the demo wrote: the citizen's pseudonym is there.
    assertThat(transactions).isGreaterThan(20);
    assertThat(haystack).contains(outcome.citizenOnChain().toHex().substring(2));

    for (String datum : ChanchengDemo.personalData()) {
      needles(datum).forEach((form, needle) ->
          assertThat(haystack).as("%s of %s is on chain", form, datum).doesNotContain(needle));
    }
  }

  /** The forms in which a datum could have been written, as lowercase hex without 0x. */
  private static Map<String, String> needles(String datum) throws Exception {
    byte[] utf8 = datum.getBytes(StandardCharsets.UTF_8);
    Map<String, String> forms = new LinkedHashMap<>();
    forms.put("UTF-8", HEX.formatHex(utf8));
    forms.put("keccak-256", HEX.formatHex(Hash.sha3(utf8)));
    forms.put("SHA-256", HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(utf8)));
    String digits = datum.replaceAll("[^0-9]", "");
    if (digits.length() >= 6) {
      forms.put("uint256", String.format("%64s", new BigInteger(digits).toString(16)).replace(' ', '0'));
      forms.put("keccak-256 of digits", HEX.formatHex(Hash.sha3(digits.getBytes(StandardCharsets.US_ASCII))));
    }
    return forms;
  }

  private static JsonNode rpc(DevChain chain, String method, Object... params) throws Exception {
    List<Object> list = new ArrayList<>(List.of(params));
    String body = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", list));
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create(chain.rpcUrl())).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode json = JSON.readTree(response.body());
    assertThat(json.has("error")).as("%s failed: %s", method, json.path("error")).isFalse();
    return json.path("result");
  }
}
