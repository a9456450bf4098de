package io.zhixin.credentials.internal;

import com.nimbusds.jose.JWSAlgorithm;
import io.zhixin.credentials.IssuerKeyResolver;
import io.zhixin.credentials.IssuerTrust;
import io.zhixin.credentials.status.StatusListFetcher;
import io.zhixin.keys.CryptoProviders;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A verifier's validated policy. Null means: {@code trustedIssuers}/{@code trust} both null = any issuer;
 * {@code acceptedTypes} null = any type; {@code audience} null = not checked; {@code nonce} null and not
 * per-request = not checked; {@code statusLists} null = not checked; {@code maxCredentialAge} null = unlimited.
 */
public record VerifierSettings(IssuerKeyResolver keys, Set<String> trustedIssuers, IssuerTrust trust,
    List<String> requiredClaims, Set<String> acceptedTypes, String audience, String nonce, boolean noncePerRequest,
    boolean requireKeyBinding, Clock clock, Duration skew, Duration maxPresentationAge, Duration maxCredentialAge,
    Set<JWSAlgorithm> algorithms, Set<String> sdJwtTypes, StatusListFetcher statusLists, CryptoProviders providers) {}
