package io.zhixin.vcapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.zhixin.did.Did;
import io.zhixin.did.DidResolver;
import io.zhixin.did.jwk.DidJwk;
import io.zhixin.did.key.DidKey;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import org.junit.jupiter.api.Test;

class DidIssuerKeysTest {
  final DidIssuerKeys keys = DidIssuerKeys.of(DidResolver.builder().method(DidKey.method())
      .method(DidJwk.method()).build());
  final KeyPair key = KeyPair.generate(KeyType.P256);
  final KeyPair other = KeyPair.generate(KeyType.ED25519);

  @Test
  void resolve_kidOfTheIssuersDid_givesItsKey() {
    Did did = DidKey.create(key.publicJwk());
    assertThat(keys.resolve(did.toString(), DidKey.verificationMethodId(did))).isEqualTo(key.publicJwk());
    String fragment = DidKey.verificationMethodId(did).substring(did.toString().length());
    assertThat(keys.resolve(did.toString(), fragment)).isEqualTo(key.publicJwk());
    Did jwk = DidJwk.create(key.publicJwk());
    assertThat(keys.resolve(jwk.toString(), null)).isEqualTo(key.publicJwk());
  }

  @Test
  void resolve_kidOfAnotherDidOrGarbage_givesNull() {
    Did did = DidKey.create(key.publicJwk());
    Did impostor = DidKey.create(other.publicJwk());
    assertThat(keys.resolve(did.toString(), DidKey.verificationMethodId(impostor))).isNull();
    assertThat(keys.resolve(did.toString(), did + "#nope")).isNull();
    assertThat(keys.resolve(did.toString(), "https://example.com/key")).isNull();
    assertThat(keys.resolve("did:key:zGarbage", "did:key:zGarbage#zGarbage")).isNull();
    assertThat(keys.resolve("did:web:unsupported.example", "did:web:unsupported.example#key-1")).isNull();
    assertThat(keys.resolve(null, null)).isNull();
  }
}
