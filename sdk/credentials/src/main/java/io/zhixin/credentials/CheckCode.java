package io.zhixin.credentials;

/**
 * The stable code of one verification check. Callers may switch on it and log {@link #code()}; codes are never
 * renamed, only added.
 */
public enum CheckCode {
  /** The input is not a well-formed SD-JWT, JWS, JSON or credential. */
  MALFORMED("malformed"),
  /** The input exceeds a size, disclosure-count or JSON nesting limit and was refused before parsing. */
  TOO_LARGE("too_large"),
  /** The JWS algorithm is {@code none}, symmetric, not accepted by the policy, or does not match the key. */
  ALGORITHM("algorithm"),
  /** The JWS header lists a critical ({@code crit}) parameter that this implementation does not understand. */
  CRITICAL_HEADER("crit"),
  /** The {@code typ} (or {@code cty}) header is not the media type this format requires. */
  MEDIA_TYPE("typ"),
  /** The key identified by {@code iss}/{@code kid} could not be found or resolved. */
  ISSUER_KEY("issuer_key"),
  /** The issuer's signature over the credential. */
  SIGNATURE("signature"),
  /** SD-JWT disclosures: well-formed, each matching exactly one signed digest, none duplicated. */
  DISCLOSURES("disclosures"),
  /** The {@code _sd_alg} hash algorithm of an SD-JWT. */
  SD_ALG("sd_alg"),
  /** Holder binding: a key-binding JWT or holder-signed presentation, signed by the holder's key. */
  KEY_BINDING("key_binding"),
  /** The key-binding JWT's {@code sd_hash} over the presented SD-JWT. */
  SD_HASH("sd_hash"),
  /** The audience of the key-binding JWT or presentation. */
  AUDIENCE("audience"),
  /** The nonce of the key-binding JWT or presentation. */
  NONCE("nonce"),
  /** The key-binding JWT or presentation was issued too long ago or in the future. */
  FRESHNESS("freshness"),
  /** The credential's validity period has not started ({@code nbf} / {@code validFrom}). */
  NOT_YET_VALID("not_yet_valid"),
  /** The credential's validity period has ended ({@code exp} / {@code validUntil}). */
  EXPIRED("expired"),
  /** The credential was issued longer ago than the policy's maximum age. */
  MAX_AGE("max_age"),
  /** A W3C VC Data Model 2.0 rule; the detail names the rule. */
  DATA_MODEL("data_model"),
  /** A domain credential's schema or type-specific rule; the detail names the field. */
  SCHEMA("schema"),
  /** The credential's status could not be determined (list unavailable, unsigned, wrong size). */
  STATUS("status"),
  /** The credential is revoked. */
  REVOKED("revoked"),
  /** The credential is suspended. */
  SUSPENDED("suspended"),
  /** The issuer is not one the policy trusts. */
  ISSUER_NOT_TRUSTED("issuer_not_trusted"),
  /** The credential type is not one the policy accepts. */
  TYPE_NOT_ACCEPTED("type_not_accepted"),
  /** A claim the policy requires was not disclosed. */
  CLAIM_MISSING("claim_missing"),
  /** A chain of credentials (company → representative → authorisation) does not link up. */
  CHAIN("chain");

  private final String code;

  CheckCode(String code) {
    this.code = code;
  }

  /** The stable lower-case code, e.g. {@code sd_hash}. */
  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return code;
  }
}
