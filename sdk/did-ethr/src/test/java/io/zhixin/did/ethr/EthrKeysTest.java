package io.zhixin.did.ethr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import io.zhixin.did.DidResolutionException;
import io.zhixin.did.VerificationMethod;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EthrKeysTest {
  private static final String DID = "did:ethr:0x7a69:0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf";

  @Test
  void publicJwk_secp256k1Hex_compressedOrNot() {
    KeyPair k = KeyPair.generate(KeyType.SECP256K1);
    String compressed = EthrDid.compressedKeyHex(k.publicJwk()).substring(2);
    VerificationMethod vm = VerificationMethod.of(DID + "#controllerKey", "EcdsaSecp256k1VerificationKey2019", DID,
        Map.of("publicKeyHex", compressed));
    assertThat(EthrKeys.publicJwk(vm)).contains(k.publicJwk());
  }

  @Test
  void publicJwk_ed25519_base64Base58AndHex() {
    KeyPair k = KeyPair.generate(KeyType.ED25519);
    byte[] x = ((OctetKeyPair) k.publicJwk()).getX().decode();
    VerificationMethod b64 = VerificationMethod.of(DID + "#delegate-1", "Ed25519VerificationKey2018", DID,
        Map.of("publicKeyBase64", Base64.getEncoder().encodeToString(x)));
    assertThat(EthrKeys.publicJwk(b64)).contains(k.publicJwk());
    KeyPair z = k;
    while (((OctetKeyPair) z.publicJwk()).getX().decode()[0] != 0) { // a key whose encoding starts with a zero byte
      z = KeyPair.generate(KeyType.ED25519);
    }
    byte[] leadingZero = ((OctetKeyPair) z.publicJwk()).getX().decode();
    String b58 = io.zhixin.did.ethr.internal.DocumentReplayAccess.base58(leadingZero);
    VerificationMethod m58 = VerificationMethod.of(DID + "#delegate-2", "Ed25519VerificationKey2018", DID,
        Map.of("publicKeyBase58", b58));
    assertThat(b58).startsWith("1");
    assertThat(EthrKeys.publicJwk(m58)).contains(z.publicJwk());
  }

  @Test
  void publicJwk_recoveryMethod_emptyButAccountAddress() {
    VerificationMethod vm = VerificationMethod.of(DID + "#controller", "EcdsaSecp256k1RecoveryMethod2020", DID,
        Map.of("blockchainAccountId", "eip155:31337:0x7e5f4552091a69125d5dfcb7b8c2659029395bdf"));
    assertThat(EthrKeys.publicJwk(vm)).isEmpty();
    assertThat(EthrKeys.accountAddress(vm)).contains("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
  }

  @Test
  void recoverJwk_es256kSignatureOfTheAccount_givesItsKey() throws Exception {
    KeyPair owner = KeyPair.generate(KeyType.SECP256K1);
    VerificationMethod controller = VerificationMethod.of(DID + "#controller", "EcdsaSecp256k1RecoveryMethod2020",
        DID, Map.of("blockchainAccountId", "eip155:31337:" + EthrDid.address(owner.publicJwk())));
    byte[] input = "eyJhbGciOiJFUzI1NksifQ.eyJpc3MiOiJ4In0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] sig = owner.signer().sign(input);
    assertThat(EthrKeys.recoverJwk(controller, input, sig)).contains(owner.publicJwk());
    // The recovered key verifies the signature the ordinary way.
    com.nimbusds.jose.JWSObject jws = new com.nimbusds.jose.JWSObject(
        new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.ES256K),
        new com.nimbusds.jose.Payload("{\"iss\":\"x\"}"));
    jws.sign(io.zhixin.keys.Jws.signer(owner.signer()));
    JWK key = EthrKeys.recoverJwk(controller, jws.getSigningInput(), jws.getSignature().decode()).orElseThrow();
    assertThat(jws.verify(io.zhixin.keys.Jws.verifier(key))).isTrue();
    // Another key's signature, a tampered input, a malformed signature: no key.
    byte[] other = KeyPair.generate(KeyType.SECP256K1).signer().sign(input);
    assertThat(EthrKeys.recoverJwk(controller, input, other)).isEmpty();
    assertThat(EthrKeys.recoverJwk(controller, "tampered".getBytes(java.nio.charset.StandardCharsets.US_ASCII), sig))
        .isEmpty();
    assertThat(EthrKeys.recoverJwk(controller, input, new byte[64])).isEmpty();
    assertThat(EthrKeys.recoverJwk(controller, input, new byte[10])).isEmpty();
  }

  @Test
  void publicJwk_malformed_invalidPublicKey() {
    VerificationMethod notOnCurve = VerificationMethod.of(DID + "#delegate-1", "EcdsaSecp256k1VerificationKey2019",
        DID, Map.of("publicKeyHex", "02" + "0".repeat(63) + "5"));
    assertThatThrownBy(() -> EthrKeys.publicJwk(notOnCurve)).isInstanceOf(DidResolutionException.class)
        .hasMessageContaining("#delegate-1");
    VerificationMethod shortEd = VerificationMethod.of(DID + "#delegate-2", "Ed25519VerificationKey2018", DID,
        Map.of("publicKeyHex", "0102"));
    assertThatThrownBy(() -> EthrKeys.publicJwk(shortEd)).isInstanceOf(DidResolutionException.class);
  }
}
