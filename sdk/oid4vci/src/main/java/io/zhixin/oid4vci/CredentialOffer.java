package io.zhixin.oid4vci;

import io.zhixin.http.QrCodes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A credential offer made by {@link CredentialIssuerService#offer}: the offer JSON, its two URI forms, the
 * transaction code to hand to the holder out of band, and a QR code. Immutable.
 *
 * <p>The pre-authorized code inside the offer is a bearer secret until it is redeemed: show the QR code only to
 * the person it is for, and send the {@link #txCode()} through another channel (SMS, the counter clerk).
 */
public final class CredentialOffer {
  private final String id;
  private final String json;
  private final String referenceUrl;
  private final String txCode;
  private final List<String> configurationIds;
  private final Instant expiresAt;

  CredentialOffer(String id, String json, String referenceUrl, String txCode, List<String> configurationIds,
      Instant expiresAt) {
    this.id = id;
    this.json = json;
    this.referenceUrl = referenceUrl;
    this.txCode = txCode;
    this.configurationIds = List.copyOf(configurationIds);
    this.expiresAt = expiresAt;
  }

  /** The offer's id (the last segment of its {@code credential_offer_uri}). */
  public String id() {
    return id;
  }

  /** The credential offer object as JSON. */
  public String json() {
    return json;
  }

  /** {@code openid-credential-offer://?credential_offer=<json>}: the offer by value. */
  public String byValueUri() {
    return "openid-credential-offer://?credential_offer=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
  }

  /** {@code openid-credential-offer://?credential_offer_uri=<url>}: the offer by reference (short, for QR codes). */
  public String byReferenceUri() {
    return "openid-credential-offer://?credential_offer_uri=" + URLEncoder.encode(referenceUrl, StandardCharsets.UTF_8);
  }

  /** The HTTPS URL the offer JSON is served at ({@code credential_offer_uri}). */
  public String referenceUrl() {
    return referenceUrl;
  }

  /** The transaction code the holder must type in, when the offer requires one. */
  public Optional<String> txCode() {
    return Optional.ofNullable(txCode);
  }

  public List<String> configurationIds() {
    return configurationIds;
  }

  /** When the pre-authorized code stops working. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /**
   * The by-reference URI as a QR code PNG, about {@code size} pixels square.
   *
   * @throws IllegalArgumentException for a size outside 64..2048
   */
  public byte[] qrPng(int size) {
    return QrCodes.png(byReferenceUri(), size);
  }

  @Override
  public String toString() {
    return "CredentialOffer{" + id + ", " + configurationIds + ", expires " + expiresAt + "}";
  }
}
