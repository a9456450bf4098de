package io.zhixin.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Scans what a run wrote to the chain for personal data (PIPL: none on chain, not even hashed): every
 * transaction's input, every event log (topics and data) and every storage slot written (key and value,
 * from {@code debug_traceTransaction}'s {@code SSTORE}s).
 *
 * <pre>{@code
 * PrivacyScan.Report report = PrivacyScan.builder()
 *     .forbid("name", "陈晓明").forbid("id number", "44060419900307123X")
 *     .forbid("birth date", "1990-03-07").forbid("phone", "138 0013 8000")
 *     .build()
 *     .scan(chain, 0, chain.blockNumber());
 * assert report.isClean() : report.findings();
 * }</pre>
 *
 * <h2>What this checks</h2>
 * Each forbidden value is tried as written, trimmed, upper and lower case, and with its digits only
 * ({@code 1990-03-07} → {@code 19900307}). Each variant is looked for, anywhere in the bytes, as
 * UTF-8 and GBK text, as {@code keccak256}, double {@code keccak256} (a Merkle leaf) and {@code sha256}
 * of that text, and, when it is all digits, as a uint256 word and the two hashes of that word. Storage
 * slots are also compared with the slot a Solidity mapping (declared in slots 0–63) would give each
 * hashed form as key. Finding nothing in all of this is the evidence; a salted hash cannot be found by
 * anyone, which is the point of salting.
 */
public final class PrivacyScan {
  /** Where something was found. */
  public enum Place { TRANSACTION_INPUT, EVENT_LOG, STORAGE_WRITE }

  /** One forbidden value found on chain, in which form. */
  public record Finding(Place place, long blockNumber, String transactionHash, String label, String form) {}

  /** What was scanned and what was found. */
  public record Report(long fromBlock, long toBlock, int transactions, int logs, int storageWrites, boolean storageScanned,
      List<Finding> findings) {
    /** True when storage was scanned and nothing was found anywhere. */
    public boolean isClean() {
      return storageScanned && findings.isEmpty();
    }
  }

  private static final int MAPPING_SLOTS = 64;
  private static final Charset GBK = Charset.forName("GBK");

  /** A byte pattern and what it is (label: form). */
  private record Needle(String label, String form, byte[] bytes) {}

  private final List<Needle> needles;
  /** keccak256(key ‖ slot) for every hashed form and mapping slot: the storage slot a mapping would use. */
  private final Map<String, Needle> mappingSlots;

  private PrivacyScan(List<Needle> needles) {
    this.needles = needles;
    this.mappingSlots = new LinkedHashMap<>();
    for (Needle n : needles) {
      if (n.bytes().length != 32) {
        continue;
      }
      for (int p = 0; p < MAPPING_SLOTS; p++) {
        byte[] preimage = new byte[64];
        System.arraycopy(n.bytes(), 0, preimage, 0, 32);
        preimage[63] = (byte) p;
        mappingSlots.put(Numeric.toHexString(Hash.sha3(preimage)), new Needle(n.label(), "mapping key " + n.form() + " at slot " + p, null));
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How many byte patterns are searched for (for reports). */
  public int patternCount() {
    return needles.size() + mappingSlots.size();
  }

  /**
   * Scans blocks {@code fromBlock}..{@code toBlock} (inclusive) of {@code chain}.
   *
   * @throws ChainException when the node cannot be read
   */
  public Report scan(ZhixinChain chain, long fromBlock, long toBlock) {
    Rpc rpc = chain.rpc();
    List<Finding> findings = new ArrayList<>();
    int transactions = 0;
    int logs = 0;
    int writes = 0;
    boolean storageScanned = true;
    for (long b = fromBlock; b <= toBlock; b++) {
      long block = b;
      EthBlock.Block got = rpc.check("read block " + block, rpc.send("read block " + block,
          () -> rpc.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), true))).getBlock();
      if (got == null) {
        continue;
      }
      for (EthBlock.TransactionResult<?> result : got.getTransactions()) {
        EthBlock.TransactionObject tx = (EthBlock.TransactionObject) result.get();
        transactions++;
        search(Numeric.hexStringToByteArray(tx.getInput()), Place.TRANSACTION_INPUT, block, tx.getHash(), findings);
        TransactionReceipt receipt = rpc.check("read receipt", rpc.send("read receipt " + tx.getHash(),
            () -> rpc.web3j().ethGetTransactionReceipt(tx.getHash()))).getTransactionReceipt().orElseThrow();
        for (Log log : receipt.getLogs()) {
          logs++;
          for (String topic : log.getTopics()) {
            search(Numeric.hexStringToByteArray(topic), Place.EVENT_LOG, block, tx.getHash(), findings);
          }
          search(Numeric.hexStringToByteArray(log.getData()), Place.EVENT_LOG, block, tx.getHash(), findings);
        }
        if (storageScanned) {
          List<String[]> stores = storageWrites(rpc, tx.getHash());
          if (stores == null) {
            storageScanned = false;
          } else {
            for (String[] kv : stores) {
              writes++;
              for (String word : kv) {
                search(Numeric.hexStringToByteArray(word), Place.STORAGE_WRITE, block, tx.getHash(), findings);
              }
              Needle slot = mappingSlots.get(kv[0]);
              if (slot != null) {
                findings.add(new Finding(Place.STORAGE_WRITE, block, tx.getHash(), slot.label(), slot.form()));
              }
            }
          }
        }
      }
    }
    return new Report(fromBlock, toBlock, transactions, logs, writes, storageScanned, List.copyOf(findings));
  }

  private void search(byte[] hay, Place place, long block, String tx, List<Finding> findings) {
    for (Needle n : needles) {
      if (indexOf(hay, n.bytes()) >= 0) {
        findings.add(new Finding(place, block, tx, n.label(), n.form()));
      }
    }
  }

  /** The (slot, value) of every SSTORE, as 32-byte hex words; null when the node cannot trace. */
  private static List<String[]> storageWrites(Rpc rpc, String hash) {
    Trace trace = rpc.send("trace " + hash, () -> new Request<>("debug_traceTransaction",
        List.of(hash, Map.of("disableMemory", true, "disableStorage", true, "enableReturnData", false)), rpc.service(), Trace.class));
    if (trace.hasError() || trace.getResult() == null) {
      return null;
    }
    List<String[]> writes = new ArrayList<>();
    for (JsonNode step : trace.getResult().path("structLogs")) {
      if ("SSTORE".equals(step.path("op").asText())) {
        JsonNode stack = step.path("stack");
        int n = stack.size();
        if (n >= 2) {
          writes.add(new String[] {word(stack.get(n - 1).asText()), word(stack.get(n - 2).asText())});
        }
      }
    }
    return writes;
  }

  private static String word(String hex) {
    return Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(hex), 64);
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The raw JSON of a trace. */
  public static final class Trace extends Response<JsonNode> {}

  /** Collects the values that must not be on chain. */
  public static final class Builder {
    private final List<Needle> needles = new ArrayList<>();

    private Builder() {}

    /**
     * Forbids {@code value} (a name, ID number, birth date, phone number…), reported under {@code label}.
     * The label, not the value, appears in findings.
     */
    public Builder forbid(String label, String value) {
      Objects.requireNonNull(label, "label");
      if (value == null || value.strip().length() < 2) {
        throw new IllegalArgumentException("a forbidden value needs at least 2 characters (" + label + ")");
      }
      Set<String> variants = new LinkedHashSet<>();
      variants.add(value);
      variants.add(value.strip());
      variants.add(value.strip().toUpperCase(Locale.ROOT));
      variants.add(value.strip().toLowerCase(Locale.ROOT));
      String digits = value.replaceAll("[^0-9Xx]", "");
      if (digits.length() >= 4 && !digits.equals(value.strip())) {
        variants.add(digits);
        variants.add(digits.toUpperCase(Locale.ROOT));
      }
      for (String v : variants) {
        for (Map.Entry<String, byte[]> text : List.of(Map.entry("utf8", v.getBytes(StandardCharsets.UTF_8)), Map.entry("gbk", v.getBytes(GBK)))) {
          String form = text.getKey() + "(\"" + (v.equals(value) ? "as given" : "variant " + variants.stream().toList().indexOf(v)) + "\")";
          add(label, form, text.getValue());
          add(label, "keccak256(" + form + ")", Hash.sha3(text.getValue()));
          add(label, "keccak256(keccak256(" + form + "))", Hash.sha3(Hash.sha3(text.getValue())));
          add(label, "sha256(" + form + ")", sha256(text.getValue()));
        }
        if (v.matches("[0-9]{4,77}")) {
          byte[] word = Numeric.toBytesPadded(new BigInteger(v), 32);
          add(label, "uint256(" + v.length() + " digits)", word);
          add(label, "keccak256(uint256)", Hash.sha3(word));
          add(label, "sha256(uint256)", sha256(word));
        }
      }
      return this;
    }

    private void add(String label, String form, byte[] bytes) {
      for (Needle n : needles) {
        if (java.util.Arrays.equals(n.bytes(), bytes)) {
          return;
        }
      }
      needles.add(new Needle(label, form, bytes));
    }

    public PrivacyScan build() {
      if (needles.isEmpty()) {
        throw new IllegalStateException("nothing to look for: call forbid(label, value)");
      }
      return new PrivacyScan(List.copyOf(needles));
    }

    private static byte[] sha256(byte[] in) {
      try {
        return MessageDigest.getInstance("SHA-256").digest(in);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
