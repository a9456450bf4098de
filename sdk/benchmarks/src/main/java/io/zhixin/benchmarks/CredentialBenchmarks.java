package io.zhixin.benchmarks;

import io.zhixin.credentials.VerificationResult;
import io.zhixin.credentials.Verifier;
import io.zhixin.credentials.sdjwt.SdJwtPresentation;
import io.zhixin.credentials.sdjwt.SdJwtVcIssuer;
import io.zhixin.credentials.sdjwt.SdObject;
import io.zhixin.credentials.vc.VcJwtIssuer;
import io.zhixin.credentials.vc.VerifiableCredential;
import io.zhixin.keys.CryptoProviders;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import io.zhixin.keys.Signer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Credential issue and verify next to the bare ES256 signatures they are made of, on the same JCA
 * provider, in the same run. What to compare:
 *
 * <ul>
 *   <li>{@code sdJwtVcIssue} against {@code es256SignSdJwt}: an issuance is one signature;
 *   <li>{@code sdJwtVcVerifyPresentation} against {@code es256VerifySdJwtPresentation}: a presentation with key
 *       binding is two signatures (issuer and holder);
 *   <li>{@code vcJwtIssue} / {@code vcJwtVerify} against {@code es256SignVcJwt} / {@code es256VerifyVcJwt}.
 * </ul>
 *
 * <p>The baseline is the floor: one JCA {@link Signature} engine of the same provider, reused, signing the
 * credential's own signing input with the issuer's key, and verifying the credential's own signatures with the
 * issuer's and the holder's keys, in DER. It carries no JOSE work at all (no base64, no R||S conversion, no engine
 * lookup), and the very same elliptic-curve work: P-256 verification takes variable time, and two random
 * signatures differ by up to 4% here, as much as the overheads measured.
 *
 * <p>Single-threaded: numbers are per core. {@code -p provider=jdk} measures the JDK's SunEC instead of Conscrypt;
 * {@code -p provider=none} a provider whose signatures cost nothing ({@link NoCryptoProvider}), which leaves the
 * JOSE, JSON and digest work alone. {@link OverheadReport} runs the pairs back to back for the overhead ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2) // two JVMs: runs differ by a few per cent from one JVM to the next
@Threads(1)
public class CredentialBenchmarks {
  private static final String ISSUER = "did:web:gaj.chancheng.gov.cn";
  private static final String KID = ISSUER + "#key-1";
  private static final String VCT = "https://zhixin.io/vct/identity";
  private static final String AUDIENCE = "https://bank.example";
  private static final String NONCE = "n-0S6_WzA2Mj";

  /** {@code conscrypt} (the default where it loads) or {@code jdk}. */
  @Param({"conscrypt"})
  public String provider;

  private SdJwtVcIssuer sdJwtIssuer;
  private VcJwtIssuer vcJwtIssuer;
  private SdObject identityClaims;
  private VerifiableCredential residence;
  private KeyPair holderKey;
  private String presentation;
  private String vcJwt;
  private Verifier sdJwtVerifier;
  private Verifier vcJwtVerifier;

  // The bare-signature baseline: the credentials' own signing inputs and signatures, and the same keys, handed to
  // the JCA engine directly.
  private java.security.KeyPair issuerJca;
  private java.security.KeyPair holderJca;
  private Signature baselineSigner;
  private Signature baselineVerifier;
  private Jwt sdJwtIssued;
  private Jwt sdJwtPresented;
  private Jwt kbJwt;
  private Jwt vcJwtIssued;

  /** A compact JWS's signing input and its signature in DER, as the JCA takes them. */
  private record Jwt(byte[] signingInput, byte[] derSignature) {
    static Jwt of(String compact) throws JOSEException {
      int dot = compact.lastIndexOf('.');
      return new Jwt(compact.substring(0, dot).getBytes(StandardCharsets.US_ASCII),
          ECDSA.transcodeSignatureToDER(Base64.getUrlDecoder().decode(compact.substring(dot + 1))));
    }
  }

  @Setup
  public void setUp() throws GeneralSecurityException, JOSEException {
    CryptoProviders providers = switch (provider) {
      case "jdk" -> CryptoProviders.builder().conscrypt(false).build();
      case "none" -> CryptoProviders.builder().conscrypt(false).provider(KeyType.P256, new NoCryptoProvider()).build();
      default -> CryptoProviders.defaults();
    };
    Provider provider = providers.provider(KeyType.P256);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    issuerJca = generator.generateKeyPair();
    holderJca = generator.generateKeyPair();
    KeyPair issuerKey = KeyPair.fromPrivateKeyBytes(KeyType.P256, privateKeyBytes(issuerJca));
    holderKey = KeyPair.fromPrivateKeyBytes(KeyType.P256, privateKeyBytes(holderJca));
    Signer issuerSigner = issuerKey.signer(providers);

    sdJwtIssuer = SdJwtVcIssuer.builder().signer(issuerSigner).issuer(ISSUER).keyId(KID).build();
    identityClaims = SdObject.builder()
        .disclosable("name", "陈小明")
        .disclosable("birth_date", "1990-03-07")
        .disclosable("gender", "male")
        .disclosable("registered_area", "440604")
        .disclosable("age_over_18", true)
        .disclosable("age_over_60", false)
        .plain("subject_id", "0x6f1c4a5e2b7d9c3a8e0f1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f506")
        .decoys(2)
        .build();
    String issued = sdJwtIssuer.issue(VCT, identityClaims, holderKey.publicJwk(),
        Instant.now().plus(Duration.ofDays(365)), List.of());
    presentation = SdJwtPresentation.builder(issued)
        .disclose("name")
        .disclose("age_over_18")
        .keyBinding(holderKey.signer(providers), AUDIENCE, NONCE)
        .build();

    vcJwtIssuer = VcJwtIssuer.builder().signer(issuerSigner).issuer(ISSUER).keyId(KID).build();
    residence = VerifiableCredential.builder().type("ResidenceCertificate").issuer(ISSUER)
        .validFrom(Instant.now().minus(Duration.ofDays(1))).validUntil(Instant.now().plus(Duration.ofDays(365)))
        .subject(Map.of("id", "did:key:z6MkholderExample", "address", "佛山市禅城区")).build();
    vcJwt = vcJwtIssuer.issue(residence);

    sdJwtVerifier = Verifier.builder()
        .issuerKeys((issuer, kid) -> KID.equals(kid) ? issuerKey.publicJwk() : null)
        .trustedIssuers(ISSUER).acceptedTypes(VCT).requiredClaims("age_over_18")
        .audience(AUDIENCE).nonce(NONCE).ignoreStatus()
        .maxPresentationAge(Duration.ofDays(1)) // the run lasts longer than the default 5 minutes
        .cryptoProviders(providers)
        .build();
    vcJwtVerifier = Verifier.builder()
        .issuerKeys((issuer, kid) -> KID.equals(kid) ? issuerKey.publicJwk() : null)
        .trustedIssuers(ISSUER).acceptedTypes("ResidenceCertificate")
        .ignoreAudience().ignoreNonce().allowMissingKeyBinding().ignoreStatus()
        .cryptoProviders(providers)
        .build();

    sdJwtIssued = Jwt.of(issued.substring(0, issued.indexOf('~')));
    sdJwtPresented = Jwt.of(presentation.substring(0, presentation.indexOf('~')));
    kbJwt = Jwt.of(presentation.substring(presentation.lastIndexOf('~') + 1));
    vcJwtIssued = Jwt.of(vcJwt);
    baselineSigner = Signature.getInstance("SHA256withECDSA", provider);
    baselineVerifier = Signature.getInstance("SHA256withECDSA", provider);
    if (!es256VerifyVcJwt() || !es256VerifySdJwtPresentation()) {
      throw new IllegalStateException("baseline signature does not verify");
    }
    requireVerified(sdJwtVerifier.verify(presentation));
    requireVerified(vcJwtVerifier.verify(vcJwt));
  }

  private static void requireVerified(VerificationResult result) {
    if (!result.isVerified()) {
      throw new IllegalStateException("benchmark input does not verify: " + result.problems());
    }
  }

  private static byte[] privateKeyBytes(java.security.KeyPair jca) {
    byte[] s = ((ECPrivateKey) jca.getPrivate()).getS().toByteArray(); // big-endian, maybe with a sign byte
    byte[] fixed = new byte[32];
    int n = Math.min(s.length, 32);
    System.arraycopy(s, s.length - n, fixed, 32 - n, n);
    return fixed;
  }

  private byte[] sign(byte[] signingInput) throws GeneralSecurityException {
    baselineSigner.initSign(issuerJca.getPrivate());
    baselineSigner.update(signingInput);
    return baselineSigner.sign();
  }

  private boolean verify(Jwt jwt, java.security.KeyPair key) throws GeneralSecurityException {
    baselineVerifier.initVerify(key.getPublic());
    baselineVerifier.update(jwt.signingInput);
    return baselineVerifier.verify(jwt.derSignature);
  }

  /** The signature of an SD-JWT VC issuance: its signing input, signed with the issuer's key. */
  @Benchmark
  public byte[] es256SignSdJwt() throws GeneralSecurityException {
    return sign(sdJwtIssued.signingInput);
  }

  @Benchmark
  public byte[] es256SignVcJwt() throws GeneralSecurityException {
    return sign(vcJwtIssued.signingInput);
  }

  /** The signature work of a presentation with key binding: the issuer's signature and the holder's. */
  @Benchmark
  public boolean es256VerifySdJwtPresentation() throws GeneralSecurityException {
    return verify(sdJwtPresented, issuerJca) & verify(kbJwt, holderJca);
  }

  @Benchmark
  public boolean es256VerifyVcJwt() throws GeneralSecurityException {
    return verify(vcJwtIssued, issuerJca);
  }

  @Benchmark
  public String sdJwtVcIssue() {
    return sdJwtIssuer.issue(VCT, identityClaims, holderKey.publicJwk(), null, List.of());
  }

  @Benchmark
  public VerificationResult sdJwtVcVerifyPresentation() {
    return sdJwtVerifier.verify(presentation);
  }

  @Benchmark
  public String vcJwtIssue() {
    return vcJwtIssuer.issue(residence);
  }

  @Benchmark
  public VerificationResult vcJwtVerify() {
    return vcJwtVerifier.verify(vcJwt);
  }
}
