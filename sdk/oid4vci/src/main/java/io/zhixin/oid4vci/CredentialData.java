package io.zhixin.oid4vci;

import io.zhixin.credentials.sdjwt.SdObject;
import io.zhixin.credentials.status.StatusEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to put into one credential of an offer: the claims (an {@link SdObject} for SD-JWT VC, a subject map for a
 * W3C credential), an optional expiry and status list entries. The holder's key comes later, from the wallet's
 * proof. Immutable.
 */
public final class CredentialData {
  private final SdObject sdClaims;
  private final Map<String, Object> subject;
  private final Instant validUntil;
  private final List<StatusEntry> status;

  private CredentialData(SdObject sdClaims, Map<String, Object> subject, Instant validUntil,
      List<StatusEntry> status) {
    this.sdClaims = sdClaims;
    this.subject = subject;
    this.validUntil = validUntil;
    this.status = List.copyOf(status);
  }

  /** Claims for an SD-JWT VC ({@code dc+sd-jwt}) configuration. */
  public static CredentialData sdJwt(SdObject claims) {
    return new CredentialData(Objects.requireNonNull(claims, "claims"), null, null, List.of());
  }

  /**
   * The {@code credentialSubject} claims for a W3C ({@code jwt_vc_json}) configuration; the issuer adds the
   * holder's DID as {@code id}.
   *
   * @throws IllegalArgumentException if {@code subject} already has an {@code id}
   */
  public static CredentialData vcJwt(Map<String, ?> subject) {
    if (subject.containsKey("id")) {
      throw new IllegalArgumentException("the subject id is the holder's DID, taken from the wallet's proof");
    }
    return new CredentialData(null, new LinkedHashMap<>(subject), null, List.of());
  }

  /** A copy that expires at {@code validUntil} ({@code exp} / {@code validUntil}). */
  public CredentialData validUntil(Instant validUntil) {
    return new CredentialData(sdClaims, subject, Objects.requireNonNull(validUntil, "validUntil"), status);
  }

  /** A copy carrying these status list entries. */
  public CredentialData status(List<StatusEntry> status) {
    return new CredentialData(sdClaims, subject, validUntil, status);
  }

  SdObject sdClaims() {
    return sdClaims;
  }

  Map<String, Object> subject() {
    return subject;
  }

  Instant validUntilOrNull() {
    return validUntil;
  }

  List<StatusEntry> statusEntries() {
    return status;
  }

  boolean fits(CredentialFormatId format) {
    return format == CredentialFormatId.DC_SD_JWT ? sdClaims != null : subject != null;
  }

  @Override
  public String toString() {
    // Claims are personal data: never print them.
    return "CredentialData{" + (sdClaims != null ? "sd-jwt" : "w3c") + "}";
  }
}
