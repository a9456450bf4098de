package io.zhixin.credentials.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import io.zhixin.credentials.Check;
import io.zhixin.credentials.CredentialFormat;
import io.zhixin.credentials.VerificationResult;
import io.zhixin.credentials.VerifiedCredential;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Lets the verifier implementations create {@link VerifiedCredential} and {@link VerificationResult}, whose
 * constructors are private so that nothing else can claim "verified". The public classes register their factories
 * here from their static initialisers (the JDK's SharedSecrets pattern).
 */
public final class Trusted {

  /** Everything a verified credential holds. */
  public record CredentialParts(CredentialFormat format, String issuer, List<String> types, ObjectNode claims,
      JWK holderKey, Instant issuedAt, Instant validFrom, Instant validUntil) {}

  /** Creates a result from its checks; the verdict is computed by {@link VerificationResult}. */
  @FunctionalInterface
  public interface ResultFactory {
    VerificationResult create(List<Check> checks, List<VerifiedCredential> credentials, String holder);
  }

  private static volatile Function<CredentialParts, VerifiedCredential> credentialFactory;
  private static volatile ResultFactory resultFactory;

  private Trusted() {}

  public static void registerCredentialFactory(Function<CredentialParts, VerifiedCredential> f) {
    if (credentialFactory != null) {
      throw new IllegalStateException("already registered");
    }
    credentialFactory = f;
  }

  public static void registerResultFactory(ResultFactory f) {
    if (resultFactory != null) {
      throw new IllegalStateException("already registered");
    }
    resultFactory = f;
  }

  public static VerifiedCredential credential(CredentialParts parts) {
    if (credentialFactory == null) {
      init(VerifiedCredential.class);
    }
    return credentialFactory.apply(parts);
  }

  public static VerificationResult result(List<Check> checks, List<VerifiedCredential> credentials, String holder) {
    if (resultFactory == null) {
      init(VerificationResult.class);
    }
    return resultFactory.create(checks, credentials, holder);
  }

  private static void init(Class<?> c) {
    try {
      Class.forName(c.getName(), true, c.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
