package io.zhixin.wallet;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A credential kept in the wallet. {@link #toString()} never prints the credential itself.
 *
 * @param id the wallet's id for it
 * @param format {@code dc+sd-jwt} or {@code jwt_vc_json}
 * @param configurationId the issuer's credential configuration id
 * @param issuer the credential issuer URL it came from
 * @param types the {@code vct} (SD-JWT VC) or the W3C types
 * @param receivedAt when the wallet stored it
 * @param credential the issued credential (SD-JWT or vc+jwt); personal data, handle with care
 */
public record StoredCredential(String id, String format, String configurationId, String issuer, List<String> types,
    Instant receivedAt, String credential) {

  public StoredCredential {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(format, "format");
    types = List.copyOf(types);
    Objects.requireNonNull(credential, "credential");
  }

  @Override
  public String toString() {
    return "StoredCredential{" + id + ", " + format + ", " + types + ", from " + issuer + "}";
  }
}
