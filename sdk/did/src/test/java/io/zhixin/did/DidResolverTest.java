package io.zhixin.did;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.did.jwk.DidJwk;
import io.zhixin.did.key.DidKey;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DidResolverTest {

  /** A driver registered from "outside", as did:ethr will be. */
  private static final class CountingDriver implements DidMethod {
    final AtomicInteger calls = new AtomicInteger();
    final Function<Did, DidResolutionResult> behaviour;

    CountingDriver(Function<Did, DidResolutionResult> behaviour) {
      this.behaviour = behaviour;
    }

    @Override
    public String name() {
      return "ethr";
    }

    @Override
    public DidResolutionResult resolve(Did did) {
      calls.incrementAndGet();
      return behaviour.apply(did);
    }
  }

  private static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-12-04T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static DidResolutionResult ethrDocument(Did did, boolean deactivated) {
    VerificationMethod vm = VerificationMethod.of(did + "#controller", "EcdsaSecp256k1RecoveryMethod2020",
        did.toString(), Map.of("blockchainAccountId", "eip155:31337:0x0000000000000000000000000000000000000001"));
    VerificationMethod key = VerificationMethod.jsonWebKey(did + "#delegate-1", did.toString(),
        KeyPair.generate(KeyType.SECP256K1).publicJwk());
    DidDocument doc = DidDocument.builder(did)
        .verificationMethod(vm, VerificationRelationship.AUTHENTICATION, VerificationRelationship.ASSERTION_METHOD)
        .verificationMethod(key, VerificationRelationship.ASSERTION_METHOD).build();
    return DidResolutionResult.success(doc, DidDocumentMetadata.builder().deactivated(deactivated).versionId("7").build());
  }

  @Test
  void dispatchesByMethod_andPluggableDriverResolves() {
    CountingDriver ethr = new CountingDriver(d -> ethrDocument(d, false));
    DidResolver r = DidResolver.builder().method(DidKey.method()).method(DidJwk.method()).method(ethr).build();
    assertThat(r.methods()).containsExactlyInAnyOrder("key", "jwk", "ethr");
    String did = "did:ethr:0x7a69:0x0000000000000000000000000000000000000001";
    DidResolutionResult res = r.resolve(did);
    assertThat(res.isSuccess()).isTrue();
    assertThat(res.documentMetadata().versionId()).contains("7");
    assertThat(res.orElseThrow().verificationMethod("#controller").orElseThrow().publicJwk()).isEmpty();
    DidDereferencingResult deref = r.dereference(did + "#delegate-1");
    assertThat(deref.publicJwk()).isPresent();
    assertThat(deref.relationships()).containsExactly(VerificationRelationship.ASSERTION_METHOD);
    assertThat(r.resolve(DidKey.create(KeyPair.generate(KeyType.P256).publicJwk())).isSuccess()).isTrue();
  }

  @Test
  void unknownMethod_methodNotSupported() {
    DidResolver r = DidResolver.builder().method(DidKey.method()).build();
    DidResolutionResult res = r.resolve("did:example:123");
    assertThat(res.error()).contains(ResolutionError.METHOD_NOT_SUPPORTED);
    assertThat(res.resolutionMetadata().errorMessage().orElseThrow()).contains("example").contains("key");
    assertThatThrownBy(res::orElseThrow).isInstanceOfSatisfying(DidResolutionException.class,
        e -> assertThat(e.error()).isEqualTo(ResolutionError.METHOD_NOT_SUPPORTED));
  }

  @Test
  void malformedInput_invalidDid_neverThrows() {
    DidResolver r = DidResolver.builder().method(DidKey.method()).build();
    for (String garbage : new String[] {null, "", "did:", "\u0000\u0001", "did:key:" + "z".repeat(2100),
        "did:key:../../etc/passwd", "{\"id\":\"did:key:x\"}",
        "did:key:" + "a:".repeat(1015) + "!", "did:key:" + "%41".repeat(680) + "%"}) {
      DidResolutionResult res = r.resolve(garbage);
      assertThat(res.isSuccess()).isFalse();
      assertThat(res.error()).as("error for %s", garbage).contains(ResolutionError.INVALID_DID);
    }
    assertThat(r.resolve((Did) null).error()).contains(ResolutionError.INVALID_DID);
  }

  @Test
  void driverThrows_internalError() {
    DidResolver r = DidResolver.builder().method(new CountingDriver(d -> {
      throw new IllegalStateException("boom with secret details");
    })).build();
    DidResolutionResult res = r.resolve("did:ethr:0x1");
    assertThat(res.error()).contains(ResolutionError.INTERNAL_ERROR);
    assertThat(res.resolutionMetadata().errorMessage().orElseThrow()).doesNotContain("secret");
    DidResolver nulls = DidResolver.builder().method(new CountingDriver(d -> null)).build();
    assertThat(nulls.resolve("did:ethr:0x1").error()).contains(ResolutionError.INTERNAL_ERROR);
  }

  @Test
  void driverReturnsDocumentOfAnotherDid_invalidDidDocument() {
    DidResolver r = DidResolver.builder()
        .method(new CountingDriver(d -> ethrDocument(Did.parse("did:ethr:0x2"), false))).build();
    assertThat(r.resolve("did:ethr:0x1").error()).contains(ResolutionError.INVALID_DID_DOCUMENT);
  }

  @Test
  void cache_reusesWithinTtl_refetchesAfter() {
    MutableClock clock = new MutableClock();
    CountingDriver driver = new CountingDriver(d -> ethrDocument(d, false));
    DidResolver r = DidResolver.builder().method(driver).cacheTtl(Duration.ofMinutes(1)).clock(clock).build();
    r.resolve("did:ethr:0x1");
    r.resolve("did:ethr:0x1");
    assertThat(driver.calls).hasValue(1);
    clock.now = clock.now.plusSeconds(61);
    r.resolve("did:ethr:0x1");
    assertThat(driver.calls).hasValue(2);

    CountingDriver failing = new CountingDriver(d -> DidResolutionResult.failure(ResolutionError.NOT_FOUND, "none"));
    DidResolver r2 = DidResolver.builder().method(failing).clock(clock).build();
    r2.resolve("did:ethr:0x1");
    r2.resolve("did:ethr:0x1");
    assertThat(failing.calls).as("failures are not cached").hasValue(2);

    CountingDriver uncached = new CountingDriver(d -> ethrDocument(d, false));
    DidResolver r3 = DidResolver.builder().method(uncached).cacheTtl(Duration.ZERO).build();
    r3.resolve("did:ethr:0x1");
    r3.resolve("did:ethr:0x1");
    assertThat(uncached.calls).hasValue(2);
  }

  @Test
  void dereference_typedErrors() {
    DidResolver r = DidResolver.builder().method(DidKey.method())
        .method(new CountingDriver(d -> ethrDocument(d, true))).build();
    String did = DidKey.create(KeyPair.generate(KeyType.ED25519).publicJwk()).toString();
    assertThat(r.dereference(did + "#nope").error()).contains(ResolutionError.NOT_FOUND);
    assertThat(r.dereference(did).error()).contains(ResolutionError.INVALID_DID_URL);
    assertThat(r.dereference("garbage#x").error()).contains(ResolutionError.INVALID_DID_URL);
    assertThat(r.dereference(null).error()).contains(ResolutionError.INVALID_DID_URL);
    assertThat(r.dereference("did:example:1#x").error()).contains(ResolutionError.METHOD_NOT_SUPPORTED);
    assertThat(r.dereference("did:ethr:0x1#delegate-1").error()).contains(ResolutionError.DEACTIVATED);
    assertThat(r.resolve("did:ethr:0x1").documentMetadata().deactivated()).isTrue();
    assertThatThrownBy(() -> r.dereference(did + "#nope").orElseThrow()).isInstanceOf(DidResolutionException.class);
  }

  @Test
  void builder_rejectsDuplicateMethodsAndEmpty() {
    assertThatThrownBy(() -> DidResolver.builder().method(DidKey.method()).method(DidKey.method()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DidResolver.builder().build()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void resultJson_hasW3cShape() {
    DidResolver r = DidResolver.builder().method(DidKey.method()).build();
    String json = r.resolve(DidKey.create(KeyPair.generate(KeyType.P256).publicJwk())).toJson();
    assertThat(json).contains("\"didDocument\"", "\"didResolutionMetadata\"", "\"didDocumentMetadata\"",
        "\"contentType\" : \"application/did+ld+json\"", "\"authentication\"", "\"assertionMethod\"");
  }

  @Test
  void documentParse_deeplyNestedOrHuge_invalidDidDocument() {
    String nested = "{\"id\":\"did:web:x\",\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertThatThrownBy(() -> DidDocument.parse(nested)).isInstanceOfSatisfying(DidResolutionException.class,
        e -> assertThat(e.error()).isEqualTo(ResolutionError.INVALID_DID_DOCUMENT));
    String hugeString = "{\"id\":\"did:web:x\",\"a\":\"" + "x".repeat(300_000) + "\"}";
    assertThatThrownBy(() -> DidDocument.parse(hugeString)).isInstanceOf(DidResolutionException.class);
  }

  @Test
  void documentParse_rejectsBadKeysAndStructure() {
    assertThatThrownBy(() -> DidDocument.parse("[]")).isInstanceOfSatisfying(DidResolutionException.class,
        e -> assertThat(e.error()).isEqualTo(ResolutionError.INVALID_DID_DOCUMENT));
    assertThatThrownBy(() -> DidDocument.parse("{\"id\":\"did:web:x\",\"verificationMethod\":[{\"id\":\"#k\","
        + "\"type\":\"Multikey\",\"controller\":\"did:web:x\",\"publicKeyMultibase\":\"zzzz\"}]}"))
        .isInstanceOfSatisfying(DidResolutionException.class,
            e -> assertThat(e.error()).isIn(ResolutionError.INVALID_PUBLIC_KEY_TYPE, ResolutionError.INVALID_PUBLIC_KEY));
    assertThatThrownBy(() -> DidDocument.parse("{\"id\":\"did:web:x\",\"authentication\":\"#k\"}"))
        .isInstanceOfSatisfying(DidResolutionException.class,
            e -> assertThat(e.error()).isEqualTo(ResolutionError.INVALID_DID_DOCUMENT));
  }
}
