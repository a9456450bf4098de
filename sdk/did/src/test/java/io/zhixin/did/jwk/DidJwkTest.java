package io.zhixin.did.jwk;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.Base64URL;
import io.zhixin.did.Did;
import io.zhixin.did.DidDocument;
import io.zhixin.did.DidResolutionResult;
import io.zhixin.did.DidResolver;
import io.zhixin.did.ResolutionError;
import io.zhixin.did.VerificationMethod;
import io.zhixin.did.VerificationRelationship;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import io.zhixin.keys.SecretAccess;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DidJwkTest {
  private static final DidResolver RESOLVER = DidResolver.builder().method(DidJwk.method()).build();

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void createThenResolve_yieldsJsonWebKeyDocument(KeyType type) {
    KeyPair key = KeyPair.generate(type);
    Did did = DidJwk.create(key.publicJwk());
    assertThat(DidJwk.create(key.publicJwk())).isEqualTo(did);
    DidDocument doc = RESOLVER.resolve(did).orElseThrow();
    VerificationMethod vm = doc.verificationMethods().get(0);
    assertThat(vm.id()).isEqualTo(did + "#0").isEqualTo(DidJwk.verificationMethodId(did));
    assertThat(vm.type()).isEqualTo("JsonWebKey");
    assertThat(vm.publicJwk()).contains(key.publicJwk());
    assertThat(doc.relationshipsOf(vm.id())).contains(VerificationRelationship.AUTHENTICATION,
        VerificationRelationship.ASSERTION_METHOD);
    assertThat(RESOLVER.dereference(did + "#0").publicJwk()).contains(key.publicJwk());
  }

  @Test
  void resolve_encryptionKey_keyAgreementOnly() {
    String jwk = key(KeyType.P256).replace("}", ",\"use\":\"enc\"}");
    DidDocument doc = RESOLVER.resolve(did(jwk)).orElseThrow();
    assertThat(doc.relationshipsOf("#0")).containsExactly(VerificationRelationship.KEY_AGREEMENT);
  }

  @Test
  void resolve_privateKey_invalidPublicKey() {
    String priv = KeyPair.generate(KeyType.P256).privateJwk(SecretAccess.insecure()).toJSONString();
    DidResolutionResult r = RESOLVER.resolve(did(priv));
    assertThat(r.error()).contains(ResolutionError.INVALID_PUBLIC_KEY);
    assertThat(r.resolutionMetadata().errorMessage().orElseThrow()).contains("private");
  }

  @Test
  void resolve_notBase64UrlOrNotJson_invalidDid() {
    assertThat(RESOLVER.resolve("did:jwk:eyJ%20").error()).contains(ResolutionError.INVALID_DID);
    assertThat(RESOLVER.resolve(did("[1,2]")).error()).contains(ResolutionError.INVALID_DID);
    assertThat(RESOLVER.resolve(did("{\"kty\":")).error()).contains(ResolutionError.INVALID_DID);
  }

  @Test
  void resolve_unsupportedKeyTypeOrBadPoint_typedErrors() {
    assertThat(RESOLVER.resolve(did("{\"kty\":\"oct\",\"k\":\"AAAA\"}")).error())
        .contains(ResolutionError.INVALID_PUBLIC_KEY_TYPE);
    String p256 = key(KeyType.P256);
    String bad = p256.replaceFirst("\"x\":\"[^\"]+\"", "\"x\":\"" + Base64URL.encode(new byte[32]) + "\"");
    assertThat(RESOLVER.resolve(did(bad)).error()).contains(ResolutionError.INVALID_PUBLIC_KEY);
  }

  private static String key(KeyType type) {
    return KeyPair.generate(type).publicJwk().toJSONString();
  }

  private static String did(String json) {
    return "did:jwk:" + Base64URL.encode(json.getBytes(StandardCharsets.UTF_8));
  }
}
