package io.zhixin.benchmarks;

import io.zhixin.credentials.internal.Base64Url;
import io.zhixin.keys.CryptoProviders;
import io.zhixin.keys.KeyType;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Why token parts are decoded with {@link Base64Url} rather than {@code java.util.Base64}: what decoding a 1 KB
 * payload costs on its own, and what it adds in front of the two native ES256 verifies of a presentation.
 *
 * <p>On an AVX-512 machine the JDK's decoder intrinsic costs a fraction of a microsecond alone but makes the verifies
 * after it several microseconds slower; the table loop adds about what it costs. Compare {@code
 * jdkDecodeThenVerifyTwice - verifyTwice} with {@code jdkDecode}, and the same for {@code table}. On a machine
 * without AVX-512 the two decoders should add about the same.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@Threads(1)
public class Base64DecodeInterference {
  private final byte[] encoded; // a 1,050-byte payload as base64url, the size of an identity credential's
  private final byte[] first = new byte[1400]; // two signing inputs and their signatures (DER)
  private final byte[] second = new byte[300];
  private byte[] firstSignature;
  private byte[] secondSignature;
  private KeyPair issuer;
  private KeyPair holder;
  private Signature engine;

  public Base64DecodeInterference() {
    Random random = new Random(1);
    byte[] payload = new byte[1050];
    random.nextBytes(payload);
    encoded = Base64.getUrlEncoder().withoutPadding().encode(payload);
    random.nextBytes(first);
    random.nextBytes(second);
  }

  @Setup
  public void setUp() throws GeneralSecurityException {
    Provider provider = CryptoProviders.defaults().provider(KeyType.P256);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    issuer = generator.generateKeyPair();
    holder = generator.generateKeyPair();
    engine = Signature.getInstance("SHA256withECDSA", provider);
    firstSignature = sign(issuer, first);
    secondSignature = sign(holder, second);
    if (!verifyTwice()) {
      throw new IllegalStateException("baseline signature does not verify");
    }
  }

  private byte[] sign(KeyPair key, byte[] input) throws GeneralSecurityException {
    engine.initSign(key.getPrivate());
    engine.update(input);
    return engine.sign();
  }

  private boolean verify(KeyPair key, byte[] input, byte[] signature) throws GeneralSecurityException {
    engine.initVerify(key.getPublic());
    engine.update(input);
    return engine.verify(signature);
  }

  @Benchmark
  public boolean verifyTwice() throws GeneralSecurityException {
    return verify(issuer, first, firstSignature) & verify(holder, second, secondSignature);
  }

  @Benchmark
  public ByteBuffer jdkDecode() {
    return Base64.getUrlDecoder().decode(ByteBuffer.wrap(encoded));
  }

  @Benchmark
  public byte[] tableDecode() {
    return Base64Url.decode(encoded, 0, encoded.length);
  }

  @Benchmark
  public boolean jdkDecodeThenVerifyTwice() throws GeneralSecurityException {
    return jdkDecode().hasRemaining() & verifyTwice();
  }

  @Benchmark
  public boolean tableDecodeThenVerifyTwice() throws GeneralSecurityException {
    return tableDecode().length > 0 & verifyTwice();
  }
}
