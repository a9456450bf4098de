package io.zhixin.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the Zhixin contracts live on one chain: the deployment manifest that {@code zhixin chain deploy}
 * writes and the SDK loads. Immutable.
 *
 * <pre>{@code
 * Deployment deployment = Deployment.read(Path.of("deployment.json"));
 * try (ZhixinChain chain = ZhixinChain.connect(rpcUrl, account, deployment)) { ... }
 * }</pre>
 *
 * <p>The JSON format ({@value #FORMAT}) is documented in {@code docs/chain.md}.
 */
public final class Deployment {
  /** The manifest format this class reads and writes. */
  public static final String FORMAT = "zhixin-deployment/1";

  /** One deployed contract. */
  public record Deployed(Address address, long block, String transactionHash) {
    public Deployed {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(transactionHash, "transactionHash");
    }
  }

  private final long chainId;
  private final Address deployer;
  private final Address rootAuthority;
  private final Bytes32 creditBureauScope;
  private final Instant deployedAt;
  private final Map<ChainContract, Deployed> contracts;

  Deployment(long chainId, Address deployer, Address rootAuthority, Bytes32 creditBureauScope, Instant deployedAt,
      Map<ChainContract, Deployed> contracts) {
    for (ChainContract c : ChainContract.values()) {
      if (!contracts.containsKey(c)) {
        throw new IllegalArgumentException("a deployment needs every contract; " + c.contractName() + " is missing");
      }
    }
    this.chainId = chainId;
    this.deployer = Objects.requireNonNull(deployer, "deployer");
    this.rootAuthority = Objects.requireNonNull(rootAuthority, "rootAuthority");
    this.creditBureauScope = Objects.requireNonNull(creditBureauScope, "creditBureauScope");
    this.deployedAt = Objects.requireNonNull(deployedAt, "deployedAt");
    this.contracts = Collections.unmodifiableMap(new EnumMap<>(contracts));
  }

  public long chainId() {
    return chainId;
  }

  /** The account that sent the deployment transactions. */
  public Address deployer() {
    return deployer;
  }

  /** The trust registry's first root authority. */
  public Address rootAuthority() {
    return rootAuthority;
  }

  /** The scope a credit bureau must be accredited for in this deployment's credit score registry. */
  public Bytes32 creditBureauScope() {
    return creditBureauScope;
  }

  public Instant deployedAt() {
    return deployedAt;
  }

  /** The block of the first deployment transaction: where event scans can start. */
  public long block() {
    return contracts.values().stream().mapToLong(Deployed::block).min().orElse(0);
  }

  public Address address(ChainContract contract) {
    return contracts.get(contract).address();
  }

  public Map<ChainContract, Deployed> contracts() {
    return contracts;
  }

  /**
   * Reads a manifest.
   *
   * @throws IllegalArgumentException when the file is not a valid manifest (the message says which field)
   * @throws UncheckedIOException when it cannot be read
   */
  public static Deployment read(Path file) {
    try {
      return fromJson(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the deployment manifest " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid deployment manifest " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses a manifest; see {@link #read(Path)}. */
  public static Deployment fromJson(String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String format = text(root, "format");
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException("format is '" + format + "', expected '" + FORMAT + "'");
    }
    JsonNode chainId = root.get("chainId");
    if (chainId == null || !chainId.canConvertToLong() || chainId.asLong() <= 0) {
      throw new IllegalArgumentException("chainId must be a positive integer");
    }
    Map<ChainContract, Deployed> contracts = new EnumMap<>(ChainContract.class);
    JsonNode list = root.get("contracts");
    if (list == null || !list.isObject()) {
      throw new IllegalArgumentException("contracts must be an object");
    }
    for (ChainContract c : ChainContract.values()) {
      JsonNode entry = list.get(c.contractName());
      if (entry == null) {
        throw new IllegalArgumentException("contracts." + c.contractName() + " is missing");
      }
      contracts.put(c, new Deployed(
          Address.parse(text(entry, "address")), entry.path("block").asLong(), text(entry, "transaction")));
    }
    Instant deployedAt;
    try {
      deployedAt = Instant.parse(text(root, "deployedAt"));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("deployedAt is not an ISO-8601 instant", e);
    }
    return new Deployment(chainId.asLong(), Address.parse(text(root, "deployer")), Address.parse(text(root, "rootAuthority")),
        Bytes32.fromHex(text(root, "creditBureauScope")), deployedAt, contracts);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return value.asText();
  }

  /** The manifest as pretty-printed JSON. */
  public String toJson() {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("format", FORMAT);
    root.put("chainId", chainId);
    root.put("deployer", deployer.toChecksumHex());
    root.put("rootAuthority", rootAuthority.toChecksumHex());
    root.put("creditBureauScope", creditBureauScope.toHex());
    root.put("deployedAt", deployedAt.toString());
    root.put("block", block());
    ObjectNode list = root.putObject("contracts");
    for (Map.Entry<ChainContract, Deployed> e : contracts.entrySet()) {
      ObjectNode entry = list.putObject(e.getKey().contractName());
      entry.put("address", e.getValue().address().toChecksumHex());
      entry.put("block", e.getValue().block());
      entry.put("transaction", e.getValue().transactionHash());
    }
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the manifest atomically: to a temporary file in the same folder, then moved over
   * {@code file}, so a reader never sees half a manifest.
   */
  public void write(Path file) {
    Path target = file.toAbsolutePath();
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      try {
        Files.writeString(temp, toJson(), StandardCharsets.UTF_8);
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the deployment manifest " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Deployment d && chainId == d.chainId && deployer.equals(d.deployer) && rootAuthority.equals(d.rootAuthority)
        && creditBureauScope.equals(d.creditBureauScope) && deployedAt.equals(d.deployedAt) && contracts.equals(d.contracts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(chainId, deployer, rootAuthority, creditBureauScope, deployedAt, contracts);
  }

  @Override
  public String toString() {
    return "Deployment[chain " + chainId + ", " + contracts.size() + " contracts from block " + block() + "]";
  }
}
