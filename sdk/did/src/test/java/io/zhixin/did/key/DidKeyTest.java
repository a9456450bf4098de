package io.zhixin.did.key;

import static org.assertj.core.api.Assertions.assertThat;

import com.apicatalog.multibase.Multibase;
import com.apicatalog.multicodec.codec.KeyCodec;
import io.zhixin.did.Did;
import io.zhixin.did.DidDocument;
import io.zhixin.did.DidResolutionResult;
import io.zhixin.did.DidResolver;
import io.zhixin.did.KeyFormat;
import io.zhixin.did.ResolutionError;
import io.zhixin.did.VerificationMethod;
import io.zhixin.did.VerificationRelationship;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import io.zhixin.keys.PublicKeys;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DidKeyTest {
  private static final DidResolver RESOLVER = DidResolver.builder().method(DidKey.method()).build();

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void createThenResolve_yieldsMultikeyDocumentWithTheKey(KeyType type) {
    KeyPair key = KeyPair.generate(type);
    Did did = DidKey.create(key.publicJwk());
    String prefix = type == KeyType.P256 ? "zDn" : type == KeyType.ED25519 ? "z6Mk" : "zQ3s";
    assertThat(did.methodSpecificId()).startsWith(prefix);

    DidResolutionResult r = RESOLVER.resolve(did.toString());
    assertThat(r.isSuccess()).isTrue();
    assertThat(r.resolutionMetadata().contentType()).contains("application/did+ld+json");
    DidDocument doc = r.orElseThrow();
    assertThat(doc.verificationMethods()).hasSize(1);
    VerificationMethod vm = doc.verificationMethods().get(0);
    assertThat(vm.id()).isEqualTo(DidKey.verificationMethodId(did)).isEqualTo(did + "#" + did.methodSpecificId());
    assertThat(vm.type()).isEqualTo("Multikey");
    assertThat(vm.property("publicKeyMultibase")).contains(did.methodSpecificId());
    assertThat(vm.publicJwk()).contains(key.publicJwk());
    assertThat(doc.relationshipsOf(vm.id())).contains(VerificationRelationship.AUTHENTICATION,
        VerificationRelationship.ASSERTION_METHOD).doesNotContain(VerificationRelationship.KEY_AGREEMENT);
    assertThat(doc.toJson()).contains("https://w3id.org/security/multikey/v1");

    assertThat(RESOLVER.dereference(vm.id()).publicJwk()).contains(key.publicJwk());
  }

  @Test
  void jsonWebKeyFormatAndKeyAgreement_ed25519GetsDerivedX25519() {
    DidResolver r = DidResolver.builder()
        .method(DidKey.methodBuilder().keyFormat(KeyFormat.JSON_WEB_KEY).keyAgreement(true).build()).build();
    Did did = DidKey.create(KeyPair.generate(KeyType.ED25519).publicJwk());
    DidDocument doc = r.resolve(did).orElseThrow();
    assertThat(doc.verificationMethods()).hasSize(2);
    VerificationMethod x = doc.verificationMethods(VerificationRelationship.KEY_AGREEMENT).get(0);
    assertThat(x.id()).startsWith(did + "#z6LS");
    assertThat(x.type()).isEqualTo("JsonWebKey");
    assertThat(x.publicJwk().orElseThrow().toJSONObject()).containsEntry("crv", "X25519");
  }

  // Malformed input: each gets a typed error, never an exception.

  @Test
  void resolve_notBase58btcMultibase_invalidDid() {
    assertError("did:key:f01ed01", ResolutionError.INVALID_DID);
    assertError("did:key:z0OIl6Mk", ResolutionError.INVALID_DID);
    assertError("did:key:z", ResolutionError.INVALID_DID);
  }

  @Test
  void resolve_wrongMulticodec_invalidPublicKeyType() {
    byte[] sha256Multihash = new byte[34];
    sha256Multihash[0] = 0x12;
    sha256Multihash[1] = 0x20;
    assertError("did:key:" + Multibase.BASE_58_BTC.encode(sha256Multihash), ResolutionError.INVALID_PUBLIC_KEY_TYPE);
  }

  @Test
  void resolve_truncatedKey_invalidPublicKeyLength() {
    byte[] raw = PublicKeys.toBytes(KeyPair.generate(KeyType.P256).publicJwk());
    String truncated = Multibase.BASE_58_BTC.encode(KeyCodec.P256_PUBLIC_KEY.encode(Arrays.copyOf(raw, 20)));
    assertError("did:key:" + truncated, ResolutionError.INVALID_PUBLIC_KEY_LENGTH);
    byte[] ed = PublicKeys.toBytes(KeyPair.generate(KeyType.ED25519).publicJwk());
    assertError("did:key:" + Multibase.BASE_58_BTC.encode(KeyCodec.ED25519_PUBLIC_KEY.encode(Arrays.copyOf(ed, 31))),
        ResolutionError.INVALID_PUBLIC_KEY_LENGTH);
  }

  @Test
  void resolve_pointNotOnCurve_invalidPublicKey() {
    // x = 0 is not the x of any P-256 point (b is not a square mod p); find such an x generically.
    byte[] point = new byte[33];
    point[0] = 0x02;
    for (int x = 0; x < 256; x++) {
      point[32] = (byte) x;
      String did = "did:key:" + Multibase.BASE_58_BTC.encode(KeyCodec.P256_PUBLIC_KEY.encode(point));
      if (!RESOLVER.resolve(did).isSuccess()) {
        assertError(did, ResolutionError.INVALID_PUBLIC_KEY);
        return;
      }
    }
    throw new AssertionError("no off-curve x found");
  }

  @Test
  void resolve_ed25519SmallOrderPoint_invalidPublicKey() {
    byte[] identity = new byte[32];
    identity[0] = 1;
    assertError("did:key:" + Multibase.BASE_58_BTC.encode(KeyCodec.ED25519_PUBLIC_KEY.encode(identity)),
        ResolutionError.INVALID_PUBLIC_KEY);
  }

  @Test
  void resolve_garbageAndOversized_invalidDid() {
    assertError("did:key:" + "z".repeat(3000), ResolutionError.INVALID_DID);
    assertError("not a did", ResolutionError.INVALID_DID);
    assertError("did:key:1:z6Mk", ResolutionError.INVALID_DID);
    assertError("did:key:zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", ResolutionError.INVALID_PUBLIC_KEY_TYPE);
  }

  private static void assertError(String did, ResolutionError expected) {
    DidResolutionResult r = RESOLVER.resolve(did);
    assertThat(r.isSuccess()).as("resolving %s", did).isFalse();
    assertThat(r.error()).as("error for %s: %s", did, r.resolutionMetadata()).contains(expected);
    assertThat(r.resolutionMetadata().errorMessage()).isPresent();
    assertThat(r.toJson()).contains("\"error\" : \"" + expected.code() + "\"");
  }
}
