package io.zhixin.benchmarks;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyFactorySpi;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyPairGeneratorSpi;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;

/**
 * A JCA provider whose ES256 signatures cost nothing (every signature is r = s = 1 and every verification
 * succeeds), so that {@code -p provider=none} measures the JOSE, JSON and digest work of a credential operation
 * alone. Keys come from the JDK. For benchmarks only: nothing outside this module can reach it.
 */
public final class NoCryptoProvider extends Provider {
  private static final long serialVersionUID = 1L;

  public NoCryptoProvider() {
    super("ZhixinNoCrypto", "1", "ES256 signatures that cost nothing, for benchmarks");
    putService(new Service(this, "Signature", "SHA256withECDSA", NoSignature.class.getName(), null, null));
    putService(new Service(this, "KeyFactory", "EC", JdkKeyFactory.class.getName(), null, null));
    putService(new Service(this, "KeyPairGenerator", "EC", JdkKeyPairGenerator.class.getName(), null, null));
  }

  /** Signs with a constant DER signature (r = s = 1) and accepts every signature. */
  public static final class NoSignature extends SignatureSpi {
    private static final byte[] DER_ONE_ONE = {0x30, 6, 2, 1, 1, 2, 1, 1};

    @Override
    protected void engineInitVerify(PublicKey key) {}

    @Override
    protected void engineInitSign(PrivateKey key) {}

    @Override
    protected void engineUpdate(byte b) {}

    @Override
    protected void engineUpdate(byte[] b, int off, int len) {}

    @Override
    protected byte[] engineSign() {
      return DER_ONE_ONE.clone();
    }

    @Override
    protected boolean engineVerify(byte[] signature) {
      return true;
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {}

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
      return null;
    }
  }

  /** The JDK's EC key factory. */
  public static final class JdkKeyFactory extends KeyFactorySpi {
    private final KeyFactory jdk;

    public JdkKeyFactory() throws GeneralSecurityException {
      jdk = KeyFactory.getInstance("EC", "SunEC");
    }

    @Override
    protected PublicKey engineGeneratePublic(KeySpec spec) throws InvalidKeySpecException {
      return jdk.generatePublic(spec);
    }

    @Override
    protected PrivateKey engineGeneratePrivate(KeySpec spec) throws InvalidKeySpecException {
      return jdk.generatePrivate(spec);
    }

    @Override
    protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> type) throws InvalidKeySpecException {
      return jdk.getKeySpec(key, type);
    }

    @Override
    protected Key engineTranslateKey(Key key) throws InvalidKeyException {
      return jdk.translateKey(key);
    }
  }

  /** The JDK's EC key pair generator. */
  public static final class JdkKeyPairGenerator extends KeyPairGeneratorSpi {
    private final KeyPairGenerator jdk;

    public JdkKeyPairGenerator() throws GeneralSecurityException {
      jdk = KeyPairGenerator.getInstance("EC", "SunEC");
    }

    @Override
    public void initialize(int keySize, SecureRandom random) {
      jdk.initialize(keySize, random);
    }

    @Override
    public void initialize(AlgorithmParameterSpec params, SecureRandom random)
        throws InvalidAlgorithmParameterException {
      jdk.initialize(params, random);
    }

    @Override
    public KeyPair generateKeyPair() {
      return jdk.generateKeyPair();
    }
  }
}
