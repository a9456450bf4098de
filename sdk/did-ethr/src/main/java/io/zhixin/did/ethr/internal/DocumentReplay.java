package io.zhixin.did.ethr.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays an identity's registry events into its did:ethr document, with the semantics of the reference resolver
 * (ethr-did-resolver 11.1.3): the same verification method ids ({@code #controller}, {@code #controllerKey},
 * {@code #delegate-N}, {@code #service-N}), counters, key types, encodings, ordering and revocation rules, so that
 * both produce the same JSON for the same chain. A pure function: no I/O, no clock. Not public API.
 *
 * <p>Rules, in the reference's words where it has them:
 * <ul>
 *   <li>Events later than the requested block are skipped (and the first of them is the next version).
 *   <li>A delegate or attribute event with {@code validTo >= now} adds: {@code veriKey} and {@code sigAuth}
 *       delegates become {@code EcdsaSecp256k1RecoveryMethod2020} methods ({@code sigAuth} also authenticates);
 *       {@code did/pub/<algo>/<purpose>/<encoding>} attributes become keys of the legacy types;
 *       {@code did/svc/<type>} attributes become services.
 *   <li>Any other delegate or attribute event (revoked or expired) removes what the same key added, and still
 *       consumes a {@code delegate-N} or {@code service-N} number.
 *   <li>An owner change moves {@code #controller}; the zero owner deactivates the DID and ends the replay.
 * </ul>
 */
public final class DocumentReplay {
  /** The contexts of the JSON-LD representation, as the reference resolver writes them. */
  public static final List<String> CONTEXTS = List.of(
      "https://www.w3.org/ns/did/v1",
      "https://w3id.org/security/suites/secp256k1recovery-2020/v2",
      "https://w3id.org/security/v3-unstable");

  public static final String RECOVERY_METHOD_2020 = "EcdsaSecp256k1RecoveryMethod2020";
  public static final String SECP256K1_KEY_2019 = "EcdsaSecp256k1VerificationKey2019";
  public static final String NULL_ADDRESS = "0x0000000000000000000000000000000000000000";
  /** Replay up to the latest block. */
  public static final long LATEST = -1;

  // JavaScript's \w is [A-Za-z0-9_], as is Java's without UNICODE_CHARACTER_CLASS.
  private static final Pattern ATTRIBUTE = Pattern.compile("did/(pub|svc)/(\\w+)(/(\\w+))?(/(\\w+))?");

  private static final Map<String, String> LEGACY_PURPOSE_TYPES = Map.of(
      "sigAuth", "SignatureAuthentication2018",
      "veriKey", "VerificationKey2018",
      "enc", "KeyAgreementKey2019");

  private static final Map<String, String> LEGACY_KEY_TYPES = Map.of(
      "Secp256k1VerificationKey2018", SECP256K1_KEY_2019,
      "Ed25519SignatureAuthentication2018", "Ed25519VerificationKey2018",
      "Secp256k1SignatureAuthentication2018", SECP256K1_KEY_2019,
      "RSAVerificationKey2018", "RSAVerificationKey2018",
      "Ed25519VerificationKey2018", "Ed25519VerificationKey2018",
      "X25519KeyAgreementKey2019", "X25519KeyAgreementKey2019");

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private DocumentReplay() {}

  /**
   * The outcome of a replay.
   *
   * @param document the DID document JSON (with {@code @context})
   * @param deactivated whether an owner change to the zero address was replayed
   * @param versionId the block of the latest replayed event; 0 when none
   * @param nextVersionId the block of the first event after the requested block; {@link Long#MAX_VALUE} when none
   */
  public record Result(ObjectNode document, boolean deactivated, long versionId, long nextVersionId) {}

  /**
   * Replays {@code history} (oldest first) into the document of {@code did}.
   *
   * @param did the DID as the caller wrote it (it becomes the document id)
   * @param address the identity's checksummed address
   * @param controllerKeyHex the public key hex of a public-key DID as written in the DID (with {@code 0x}), else null
   * @param chainId the chain id for {@code blockchainAccountId}
   * @param blockHeight replay events up to this block, or {@link #LATEST}
   * @param now the time, in seconds since the epoch, against which {@code validTo} is checked
   */
  public static Result replay(String did, String address, String controllerKeyHex, BigInteger chainId,
      List<RegistryEvent> history, long blockHeight, BigInteger now) {
    Objects.requireNonNull(did, "did");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(now, "now");
    String controller = address;
    long versionId = 0;
    long nextVersionId = Long.MAX_VALUE;
    boolean deactivated = false;
    int delegateCount = 0;
    int serviceCount = 0;
    // Insertion-ordered like JavaScript objects: re-adding a key keeps its place, removing and adding moves it last.
    Map<String, String> auth = new LinkedHashMap<>();
    Map<String, String> keyAgreementRefs = new LinkedHashMap<>();
    Map<String, String> signingRefs = new LinkedHashMap<>();
    Map<String, ObjectNode> keys = new LinkedHashMap<>();
    Map<String, ObjectNode> services = new LinkedHashMap<>();

    for (RegistryEvent event : history) {
      if (blockHeight != LATEST && event.blockNumber() > blockHeight) {
        nextVersionId = Math.min(nextVersionId, event.blockNumber());
        continue;
      }
      versionId = Math.max(versionId, event.blockNumber());
      BigInteger validTo = event.validTo();
      String key = event.replayKey();
      if (validTo.signum() != 0 && validTo.compareTo(now) >= 0) {
        if (event instanceof RegistryEvent.DelegateChanged d) {
          delegateCount++;
          String id = did + "#delegate-" + delegateCount;
          if (d.delegateType().equals("sigAuth") || d.delegateType().equals("veriKey")) {
            if (d.delegateType().equals("sigAuth")) {
              auth.put(key, id);
            }
            keys.put(key, method(id, RECOVERY_METHOD_2020, did)
                .put("blockchainAccountId", "eip155:" + chainId + ":" + d.delegate()));
            signingRefs.put(key, id);
          }
        } else if (event instanceof RegistryEvent.AttributeChanged a) {
          Matcher m = ATTRIBUTE.matcher(a.name());
          if (m.matches()) {
            String algorithm = m.group(2);
            String purpose = m.group(4);
            String encoding = m.group(6);
            if (m.group(1).equals("pub")) {
              delegateCount++;
              String id = did + "#delegate-" + delegateCount;
              String purposeType = purpose == null ? null : LEGACY_PURPOSE_TYPES.getOrDefault(purpose, purpose);
              String type = LEGACY_KEY_TYPES.getOrDefault(algorithm + (purposeType == null ? "undefined" : purposeType),
                  algorithm);
              ObjectNode pk = method(id, type, did);
              if (setKeyData(pk, encoding, a.valueHex())) {
                keys.put(key, pk);
                if ("sigAuth".equals(purpose)) {
                  auth.put(key, id);
                  signingRefs.put(key, id);
                } else if ("enc".equals(purpose)) {
                  keyAgreementRefs.put(key, id);
                } else {
                  signingRefs.put(key, id);
                }
              }
            } else {
              serviceCount++;
              String text = utf8(hexToBytes(a.valueHex()));
              if (text != null) {
                ObjectNode service = JSON.createObjectNode();
                service.put("id", did + "#service-" + serviceCount);
                service.put("type", algorithm);
                service.set("serviceEndpoint", endpoint(text));
                services.put(key, service);
              }
            }
          }
        }
      } else if (event instanceof RegistryEvent.OwnerChanged o) {
        controller = o.owner();
        if (NULL_ADDRESS.equals(o.owner())) {
          deactivated = true;
          break;
        }
      } else {
        if (event instanceof RegistryEvent.DelegateChanged
            || event instanceof RegistryEvent.AttributeChanged a && a.name().startsWith("did/pub/")) {
          delegateCount++;
        } else if (event instanceof RegistryEvent.AttributeChanged a && a.name().startsWith("did/svc/")) {
          serviceCount++;
        }
        // As in the reference resolver, a revoked key-agreement key stays listed under keyAgreement.
        auth.remove(key);
        signingRefs.remove(key);
        keys.remove(key);
        services.remove(key);
      }
    }

    ObjectNode doc = JSON.createObjectNode();
    ArrayNode contexts = doc.putArray("@context");
    CONTEXTS.forEach(contexts::add);
    doc.put("id", did);
    ArrayNode vms = doc.putArray("verificationMethod");
    ArrayNode authentication = doc.putArray("authentication");
    ArrayNode assertionMethod = doc.putArray("assertionMethod");
    if (deactivated) {
      return new Result(doc, true, versionId, nextVersionId);
    }
    vms.add(method(did + "#controller", RECOVERY_METHOD_2020, did)
        .put("blockchainAccountId", "eip155:" + chainId + ":" + controller));
    authentication.add(did + "#controller");
    assertionMethod.add(did + "#controller");
    if (controllerKeyHex != null && controller.equals(address)) {
      vms.add(method(did + "#controllerKey", SECP256K1_KEY_2019, did)
          .put("publicKeyHex", strip0x(controllerKeyHex)));
      authentication.add(did + "#controllerKey");
      assertionMethod.add(did + "#controllerKey");
    }
    keys.values().forEach(vms::add);
    auth.values().forEach(authentication::add);
    signingRefs.values().forEach(assertionMethod::add);
    if (!services.isEmpty()) {
      ArrayNode s = doc.putArray("service");
      services.values().forEach(s::add);
    }
    if (!keyAgreementRefs.isEmpty()) {
      ArrayNode k = doc.putArray("keyAgreement");
      keyAgreementRefs.values().forEach(k::add);
    }
    return new Result(doc, false, versionId, nextVersionId);
  }

  private static ObjectNode method(String id, String type, String controller) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", id);
    n.put("type", type);
    n.put("controller", controller);
    return n;
  }

  /** Sets the key member for {@code encoding}; false when the value cannot be read so (the key is then skipped). */
  private static boolean setKeyData(ObjectNode pk, String encoding, String valueHex) {
    byte[] value = hexToBytes(valueHex);
    if (encoding == null || encoding.equals("hex")) {
      pk.put("publicKeyHex", strip0x(valueHex));
    } else if (encoding.equals("base64")) {
      pk.put("publicKeyBase64", Base64.getEncoder().encodeToString(value));
    } else if (encoding.equals("base58")) {
      pk.put("publicKeyBase58", Base58.encode(value));
    } else if (encoding.equals("pem")) {
      String pem = utf8(value);
      if (pem == null) {
        return false;
      }
      pk.put("publicKeyPem", pem);
    } else {
      pk.put("value", strip0x(valueHex));
    }
    return true;
  }

  /** A service endpoint: the value parsed as JSON when it is JSON, else the text itself. */
  private static JsonNode endpoint(String text) {
    try {
      JsonNode n = JSON.readTree(text);
      if (n != null && !n.isMissingNode()) {
        return n;
      }
    } catch (JsonProcessingException e) {
      // not JSON: the endpoint is the string
    }
    return JSON.getNodeFactory().textNode(text);
  }

  /** Strict UTF-8 decoding; null for malformed input (the reference skips such keys and services). */
  public static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  static String strip0x(String hex) {
    return hex.startsWith("0x") ? hex.substring(2) : hex;
  }

  static byte[] hexToBytes(String hex) {
    String h = strip0x(hex);
    if (h.length() % 2 != 0) {
      throw new IllegalArgumentException("odd-length hex");
    }
    byte[] out = new byte[h.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(h, 2 * i, 2 * i + 2, 16);
    }
    return out;
  }

  /** Bitcoin-alphabet base58, leading zero bytes as '1' (what ethers' {@code encodeBase58} produces). */
  static final class Base58 {
    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final BigInteger BASE = BigInteger.valueOf(58);

    private Base58() {}

    static String encode(byte[] bytes) {
      StringBuilder sb = new StringBuilder();
      BigInteger v = new BigInteger(1, bytes);
      while (v.signum() > 0) {
        BigInteger[] qr = v.divideAndRemainder(BASE);
        sb.append(ALPHABET[qr[1].intValue()]);
        v = qr[0];
      }
      for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
        sb.append(ALPHABET[0]);
      }
      return sb.reverse().toString();
    }
  }
}
