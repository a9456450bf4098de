package io.zhixin.did.ethr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhixin.did.ethr.internal.RegistryEvent.AttributeChanged;
import io.zhixin.did.ethr.internal.RegistryEvent.DelegateChanged;
import io.zhixin.did.ethr.internal.RegistryEvent.OwnerChanged;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

class DocumentReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "0xf3beac30c498d9e26865f34fcaa57dbb935b0d74";
  private static final String ADDRESS = RegistryAbi.checksum(ID);
  private static final String DID = "did:ethr:0x7a69:" + ID;
  private static final String KEY = "0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
  private static final String KEY_ADDRESS = "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf";
  private static final String KEY_DID = "did:ethr:0x7a69:" + KEY;
  private static final String ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
  private static final String BOB = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
  private static final BigInteger CHAIN = BigInteger.valueOf(31337);
  private static final long NOW = 1_800_000_000L;

  private final List<RegistryEvent> events = new ArrayList<>();
  private long block = 10;

  private void delegate(String type, String delegate, long validTo) {
    events.add(new DelegateChanged(ADDRESS, type, delegate, BigInteger.valueOf(validTo), BigInteger.valueOf(block - 1),
        block++));
  }

  private void attribute(String name, byte[] value, long validTo) {
    events.add(new AttributeChanged(ADDRESS, name, Numeric.toHexString(value), BigInteger.valueOf(validTo),
        BigInteger.valueOf(block - 1), block++));
  }

  private void owner(String owner) {
    events.add(new OwnerChanged(ADDRESS, owner, BigInteger.valueOf(block - 1), block++));
  }

  private DocumentReplay.Result replay() {
    return replay(DocumentReplay.LATEST);
  }

  private DocumentReplay.Result replay(long height) {
    return DocumentReplay.replay(DID, ADDRESS, null, CHAIN, events, height, BigInteger.valueOf(NOW));
  }

  private static JsonNode json(String s) {
    try {
      return JSON.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get("id") != null ? n.get("id").asText() : n.asText()));
    return out;
  }

  @Test
  void replay_noEvents_controllerOnly() {
    DocumentReplay.Result r = replay();
    assertThat(r.document()).isEqualTo(json("{'@context':['https://www.w3.org/ns/did/v1',"
        + "'https://w3id.org/security/suites/secp256k1recovery-2020/v2','https://w3id.org/security/v3-unstable'],"
        + "'id':'" + DID + "','verificationMethod':[{'id':'" + DID + "#controller',"
        + "'type':'EcdsaSecp256k1RecoveryMethod2020','controller':'" + DID + "',"
        + "'blockchainAccountId':'eip155:31337:" + ADDRESS + "'}],"
        + "'authentication':['" + DID + "#controller'],'assertionMethod':['" + DID + "#controller']}"));
    assertThat(r.deactivated()).isFalse();
    assertThat(r.versionId()).isZero();
    assertThat(r.nextVersionId()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void replay_publicKeyDid_addsControllerKeyUntilOwnerChanges() {
    DocumentReplay.Result before = DocumentReplay.replay(KEY_DID, KEY_ADDRESS, KEY, CHAIN, List.of(), -1,
        BigInteger.valueOf(NOW));
    ObjectNode doc = before.document();
    assertThat(texts(doc.get("verificationMethod"))).containsExactly(KEY_DID + "#controller", KEY_DID + "#controllerKey");
    assertThat(doc.get("verificationMethod").get(1)).isEqualTo(json("{'id':'" + KEY_DID + "#controllerKey',"
        + "'type':'EcdsaSecp256k1VerificationKey2019','controller':'" + KEY_DID + "','publicKeyHex':'"
        + KEY.substring(2) + "'}"));
    assertThat(texts(doc.get("authentication"))).containsExactly(KEY_DID + "#controller", KEY_DID + "#controllerKey");
    assertThat(texts(doc.get("assertionMethod"))).containsExactly(KEY_DID + "#controller", KEY_DID + "#controllerKey");

    List<RegistryEvent> rotated = List.of(new OwnerChanged(KEY_ADDRESS, ALICE, BigInteger.ZERO, 5));
    ObjectNode after = DocumentReplay.replay(KEY_DID, KEY_ADDRESS, KEY, CHAIN, rotated, -1, BigInteger.valueOf(NOW))
        .document();
    assertThat(texts(after.get("verificationMethod"))).containsExactly(KEY_DID + "#controller");
    assertThat(after.get("verificationMethod").get(0).get("blockchainAccountId").asText())
        .isEqualTo("eip155:31337:" + ALICE);
  }

  @Test
  void replay_delegates_sigAuthAuthenticatesVeriKeyOnlyAsserts() {
    delegate("veriKey", ALICE, NOW + 100);
    delegate("sigAuth", BOB, NOW + 100);
    ObjectNode doc = replay().document();
    assertThat(doc.get("verificationMethod").get(1)).isEqualTo(json("{'id':'" + DID + "#delegate-1',"
        + "'type':'EcdsaSecp256k1RecoveryMethod2020','controller':'" + DID + "',"
        + "'blockchainAccountId':'eip155:31337:" + ALICE + "'}"));
    assertThat(texts(doc.get("verificationMethod"))).containsExactly(DID + "#controller", DID + "#delegate-1",
        DID + "#delegate-2");
    assertThat(texts(doc.get("authentication"))).containsExactly(DID + "#controller", DID + "#delegate-2");
    assertThat(texts(doc.get("assertionMethod"))).containsExactly(DID + "#controller", DID + "#delegate-1",
        DID + "#delegate-2");
    assertThat(replay().versionId()).isEqualTo(11);
  }

  @Test
  void replay_validToIsInclusive_expiredDelegatesStillConsumeANumber() {
    delegate("veriKey", ALICE, NOW - 1); // expired: not shown, but counted
    delegate("veriKey", BOB, NOW);       // valid through this second
    ObjectNode doc = replay().document();
    assertThat(texts(doc.get("verificationMethod"))).containsExactly(DID + "#controller", DID + "#delegate-2");
    assertThat(doc.get("verificationMethod").get(1).get("blockchainAccountId").asText()).endsWith(BOB);
    // One second later the second one has expired too.
    ObjectNode later = DocumentReplay.replay(DID, ADDRESS, null, CHAIN, events, -1, BigInteger.valueOf(NOW + 1))
        .document();
    assertThat(texts(later.get("verificationMethod"))).containsExactly(DID + "#controller");
  }

  @Test
  void replay_revokedDelegate_removedAndCounted_reAddedGoesLast() {
    delegate("sigAuth", ALICE, NOW + 100);  // delegate-1
    delegate("veriKey", BOB, NOW + 100);    // delegate-2
    delegate("sigAuth", ALICE, NOW - 5);    // revocation (validTo in the past): consumes 3
    delegate("sigAuth", ALICE, NOW + 100);  // delegate-4, after delegate-2
    delegate("otherType", BOB, NOW + 100);  // not shown, consumes 5
    delegate("veriKey", ALICE, NOW + 100);  // delegate-6
    ObjectNode doc = replay().document();
    assertThat(texts(doc.get("verificationMethod"))).containsExactly(DID + "#controller", DID + "#delegate-2",
        DID + "#delegate-4", DID + "#delegate-6");
    assertThat(texts(doc.get("authentication"))).containsExactly(DID + "#controller", DID + "#delegate-4");
    assertThat(texts(doc.get("assertionMethod"))).containsExactly(DID + "#controller", DID + "#delegate-2",
        DID + "#delegate-4", DID + "#delegate-6");
  }

  @Test
  void replay_sameDelegateAddedTwice_keepsItsPlaceWithTheNewNumber() {
    delegate("veriKey", ALICE, NOW + 100); // delegate-1
    delegate("veriKey", BOB, NOW + 100);   // delegate-2
    delegate("veriKey", ALICE, NOW + 200); // delegate-3 replaces delegate-1 in place (JavaScript object semantics)
    ObjectNode doc = replay().document();
    assertThat(texts(doc.get("verificationMethod"))).containsExactly(DID + "#controller", DID + "#delegate-3",
        DID + "#delegate-2");
  }

  @Test
  void replay_publicKeyAttributes_legacyTypesAndEncodings() {
    byte[] secp = Numeric.hexStringToByteArray(KEY);
    byte[] ed = new byte[32];
    ed[0] = 0;
    ed[1] = 1;
    ed[31] = (byte) 0xff;
    attribute("did/pub/Secp256k1/veriKey/hex", secp, NOW + 10);   // delegate-1
    attribute("did/pub/Ed25519/veriKey/base64", ed, NOW + 10);    // delegate-2
    attribute("did/pub/Ed25519/sigAuth/base58", ed, NOW + 10);    // delegate-3
    attribute("did/pub/X25519/enc/base64", ed, NOW + 10);         // delegate-4
    attribute("did/pub/RSA/veriKey/pem", "-----BEGIN PUBLIC KEY-----".getBytes(StandardCharsets.UTF_8), NOW + 10);
    attribute("did/pub/Secp256k1/veriKey", secp, NOW + 10);       // delegate-6, hex by default
    attribute("did/pub/Foo/bar/raw", new byte[] {1, 2}, NOW + 10); // delegate-7: unknown encoding -> value
    attribute("not/a/did/attribute", new byte[] {1}, NOW + 10);   // ignored, not counted
    attribute("did/pub/RSA/veriKey/pem", new byte[] {(byte) 0xc3, 0x28}, NOW + 10); // not UTF-8: skipped, counts 8
    attribute("did/pub/Secp256k1/veriKey/hex", secp, NOW + 10);   // same key again: delegate-9 in delegate-1's place
    ObjectNode doc = replay().document();
    JsonNode vms = doc.get("verificationMethod");
    assertThat(texts(vms)).containsExactly(DID + "#controller", DID + "#delegate-9", DID + "#delegate-2",
        DID + "#delegate-3", DID + "#delegate-4", DID + "#delegate-5", DID + "#delegate-6", DID + "#delegate-7");
    assertThat(vms.get(1)).isEqualTo(json("{'id':'" + DID + "#delegate-9','type':'EcdsaSecp256k1VerificationKey2019',"
        + "'controller':'" + DID + "','publicKeyHex':'" + KEY.substring(2) + "'}"));
    assertThat(vms.get(2).get("type").asText()).isEqualTo("Ed25519VerificationKey2018");
    assertThat(vms.get(2).get("publicKeyBase64").asText()).isEqualTo(java.util.Base64.getEncoder().encodeToString(ed));
    assertThat(vms.get(3).get("type").asText()).isEqualTo("Ed25519VerificationKey2018");
    assertThat(vms.get(3).get("publicKeyBase58").asText()).startsWith("1"); // one leading zero byte
    assertThat(vms.get(4).get("type").asText()).isEqualTo("X25519KeyAgreementKey2019");
    assertThat(vms.get(5).get("type").asText()).isEqualTo("RSAVerificationKey2018");
    assertThat(vms.get(5).get("publicKeyPem").asText()).isEqualTo("-----BEGIN PUBLIC KEY-----");
    assertThat(vms.get(6).get("publicKeyHex").asText()).isEqualTo(KEY.substring(2));
    assertThat(vms.get(7)).isEqualTo(json("{'id':'" + DID + "#delegate-7','type':'Foo','controller':'" + DID + "',"
        + "'value':'0102'}"));
    assertThat(texts(doc.get("authentication"))).containsExactly(DID + "#controller", DID + "#delegate-3");
    assertThat(texts(doc.get("assertionMethod"))).containsExactly(DID + "#controller", DID + "#delegate-9",
        DID + "#delegate-2", DID + "#delegate-3", DID + "#delegate-5", DID + "#delegate-6", DID + "#delegate-7");
    assertThat(texts(doc.get("keyAgreement"))).containsExactly(DID + "#delegate-4");
  }

  @Test
  void replay_revokedAttribute_removedAndCounted() {
    byte[] key = Numeric.hexStringToByteArray(KEY);
    attribute("did/pub/Secp256k1/veriKey/hex", key, NOW + 10); // delegate-1
    attribute("did/pub/Secp256k1/veriKey/hex", key, 0);        // revoked: counts 2
    attribute("did/pub/Ed25519/veriKey/base64", key, NOW + 10); // delegate-3
    ObjectNode doc = replay().document();
    assertThat(texts(doc.get("verificationMethod"))).containsExactly(DID + "#controller", DID + "#delegate-3");
    assertThat(texts(doc.get("assertionMethod"))).containsExactly(DID + "#controller", DID + "#delegate-3");
  }

  @Test
  void replay_services_jsonOrTextEndpoints_revocationCounts() {
    attribute("did/svc/HubService", "https://hub.example/".getBytes(StandardCharsets.UTF_8), NOW + 10); // service-1
    attribute("did/svc/Messaging", "{\"uri\":\"https://m.example\",\"accept\":[\"didcomm/v2\"]}"
        .getBytes(StandardCharsets.UTF_8), NOW + 10); // service-2
    attribute("did/svc/HubService", "https://hub.example/".getBytes(StandardCharsets.UTF_8), 0); // revoked: 3
    attribute("did/svc/Linked", "\"quoted\"".getBytes(StandardCharsets.UTF_8), NOW + 10); // service-4
    ObjectNode doc = replay().document();
    assertThat(doc.get("service")).isEqualTo(json("[{'id':'" + DID + "#service-2','type':'Messaging',"
        + "'serviceEndpoint':{'uri':'https://m.example','accept':['didcomm/v2']}},"
        + "{'id':'" + DID + "#service-4','type':'Linked','serviceEndpoint':'quoted'}]"));
    assertThat(texts(doc.get("verificationMethod"))).containsExactly(DID + "#controller");
    assertThat(doc.has("keyAgreement")).isFalse();
  }

  @Test
  void replay_zeroOwner_deactivatesAndStops() {
    delegate("sigAuth", ALICE, NOW + 100);
    owner(BOB);
    owner(DocumentReplay.NULL_ADDRESS); // block 12
    owner(ALICE);                       // ignored
    DocumentReplay.Result r = replay();
    assertThat(r.deactivated()).isTrue();
    assertThat(r.versionId()).isEqualTo(12);
    assertThat(r.document()).isEqualTo(json("{'@context':['https://www.w3.org/ns/did/v1',"
        + "'https://w3id.org/security/suites/secp256k1recovery-2020/v2','https://w3id.org/security/v3-unstable'],"
        + "'id':'" + DID + "','verificationMethod':[],'authentication':[],'assertionMethod':[]}"));
  }

  @Test
  void replay_atBlock_ignoresLaterEventsAndReportsTheNext() {
    delegate("sigAuth", ALICE, NOW + 100); // block 10
    owner(BOB);                            // block 11
    delegate("veriKey", BOB, NOW + 100);   // block 12
    DocumentReplay.Result r = replay(10);
    assertThat(r.versionId()).isEqualTo(10);
    assertThat(r.nextVersionId()).isEqualTo(11);
    assertThat(texts(r.document().get("verificationMethod"))).containsExactly(DID + "#controller", DID + "#delegate-1");
    assertThat(r.document().get("verificationMethod").get(0).get("blockchainAccountId").asText()).endsWith(ADDRESS);
    DocumentReplay.Result all = replay();
    assertThat(all.versionId()).isEqualTo(12);
    assertThat(all.document().get("verificationMethod").get(0).get("blockchainAccountId").asText()).endsWith(BOB);
  }

  @Test
  void base58_matchesBitcoinAlphabetWithLeadingZeros() {
    assertThat(DocumentReplay.Base58.encode(new byte[] {0, 0, 1})).isEqualTo("112");
    assertThat(DocumentReplay.Base58.encode("hello world".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("StV1DL6CwTryKyV");
    assertThat(DocumentReplay.Base58.encode(new byte[0])).isEmpty();
  }
}
