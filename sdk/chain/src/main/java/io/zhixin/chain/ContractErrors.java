package io.zhixin.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.crypto.Hash;

/**
 * Decodes revert data into the custom errors declared in the Zhixin contracts' ABI, which the build
 * copies from the Hardhat artifacts into this jar (so a contract change updates the decoding).
 */
final class ContractErrors {
  /** The contracts whose ABI is bundled, as {@code Name.sol/Name.json}. */
  static final List<String> CONTRACTS = List.of(
      "TrustedIssuerRegistry", "AttestationRegistry", "SubsidyClaimRegistry", "CreditScoreRegistry",
      "StatusListAnchors", "EthereumDIDRegistry");

  /** One custom error of the ABI. */
  record ErrorDef(String contract, String name, String signature, List<String> paramNames, List<String> paramTypes) {
    String selector() {
      return Hash.sha3String(signature).substring(0, 10);
    }
  }

  private static final Map<String, ErrorDef> BY_SELECTOR = load();

  private ContractErrors() {}

  /** Every known error by selector ({@code 0x} + 8 hex digits). */
  static Map<String, ErrorDef> all() {
    return BY_SELECTOR;
  }

  /** The JSON ABI of {@code contract}, as bundled. */
  static JsonNode abi(String contract) {
    String path = "internal/abi/" + contract + ".sol/" + contract + ".json";
    try (InputStream in = ContractErrors.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the ABI of " + contract + " is missing from the zhixin-chain jar (" + path + ")");
      }
      return new ObjectMapper().readTree(in).get("abi");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the ABI of " + contract, e);
    }
  }

  private static Map<String, ErrorDef> load() {
    Map<String, ErrorDef> map = new HashMap<>();
    map.put("0x08c379a0", new ErrorDef("", "Error", "Error(string)", List.of("message"), List.of("string")));
    map.put("0x4e487b71", new ErrorDef("", "Panic", "Panic(uint256)", List.of("code"), List.of("uint256")));
    for (String contract : CONTRACTS) {
      for (JsonNode entry : abi(contract)) {
        if (!"error".equals(entry.path("type").asText())) {
          continue;
        }
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (JsonNode input : entry.path("inputs")) {
          names.add(input.path("name").asText());
          types.add(input.path("type").asText());
        }
        String signature = entry.get("name").asText() + "(" + String.join(",", types) + ")";
        ErrorDef def = new ErrorDef(contract, entry.get("name").asText(), signature, names, types);
        map.putIfAbsent(def.selector(), def);
      }
    }
    return Collections.unmodifiableMap(map);
  }

  /** The exception for {@code revertData} (hex), naming the error when it is known. */
  static ContractRevertException decode(String what, String revertData, String transactionHash) {
    String data = revertData == null || revertData.isEmpty() ? "0x" : revertData.toLowerCase(Locale.ROOT);
    if (!data.startsWith("0x")) {
      data = "0x" + data;
    }
    ErrorDef def = data.length() >= 10 ? BY_SELECTOR.get(data.substring(0, 10)) : null;
    if (def == null) {
      return new ContractRevertException(what, ContractRevertException.UNKNOWN, Map.of(), data, transactionHash);
    }
    Map<String, Object> args = new LinkedHashMap<>();
    try {
      List<TypeReference<Type>> refs = new ArrayList<>();
      for (String type : def.paramTypes()) {
        refs.add(TypeReference.makeTypeReference(type));
      }
      List<Type> values = FunctionReturnDecoder.decode("0x" + data.substring(10), refs);
      for (int i = 0; i < values.size(); i++) {
        args.put(def.paramNames().get(i).isEmpty() ? "arg" + i : def.paramNames().get(i), toJava(values.get(i)));
      }
    } catch (ClassNotFoundException | RuntimeException e) {
      // Matching selector but undecodable arguments: keep the name, which is what callers switch on.
      args.clear();
    }
    return new ContractRevertException(what, def.name(), args, data, transactionHash);
  }

  static Object toJava(Type<?> value) {
    if (value instanceof org.web3j.abi.datatypes.Address a) {
      return Address.parse(a.getValue());
    }
    if (value instanceof Bytes32 b) {
      return io.zhixin.chain.Bytes32.of(b.getValue());
    }
    if (value instanceof Bool b) {
      return b.getValue();
    }
    if (value instanceof Utf8String s) {
      return s.getValue();
    }
    Object raw = value.getValue();
    return raw instanceof BigInteger ? raw : raw;
  }
}
