package io.zhixin.credentials.sdjwt;

import io.zhixin.credentials.internal.Json;
import io.zhixin.credentials.internal.Jws;
import io.zhixin.credentials.internal.SdJwtEngine;
import io.zhixin.credentials.internal.SdJwtStructure;
import io.zhixin.keys.Signer;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The holder's side: choose which claims of an issued SD-JWT to disclose and add a key binding JWT.
 *
 * <p>Paths are slash-separated ({@code address}, {@code address/locality}, {@code nationalities/1}). Disclosing a
 * path reveals that claim with everything below it and the enclosing claims needed to reach it; nothing else.
 *
 * <pre>{@code
 * String presentation = SdJwtPresentation.builder(issuedSdJwt)
 *     .disclose("name").disclose("age_over_18")
 *     .keyBinding(holderSigner, "https://bank.example", nonce)
 *     .build();
 * }</pre>
 */
public final class SdJwtPresentation {

  private SdJwtPresentation() {}

  /**
   * Starts a presentation of {@code issuedSdJwt} ({@code <jwt>~<d1>~…~}).
   *
   * @throws IllegalArgumentException if it is not a well-formed issued SD-JWT
   */
  public static Builder builder(String issuedSdJwt) {
    return new Builder(SdJwtStructure.parse(issuedSdJwt));
  }

  /**
   * The selectively disclosable claim paths of an issued SD-JWT, for a wallet to show.
   *
   * @throws IllegalArgumentException if it is not a well-formed issued SD-JWT
   */
  public static Set<String> disclosablePaths(String issuedSdJwt) {
    return Set.copyOf(SdJwtStructure.parse(issuedSdJwt).disclosablePaths());
  }

  /** Builds one presentation. Not thread-safe. */
  public static final class Builder {
    private final SdJwtStructure structure;
    private final Set<String> paths = new LinkedHashSet<>();
    private boolean all;
    private Signer holder;
    private String audience;
    private String nonce;
    private Clock clock = Clock.systemUTC();

    private Builder(SdJwtStructure structure) {
      this.structure = structure;
    }

    /** Discloses the claim at {@code path}. */
    public Builder disclose(String path) {
      paths.add(Objects.requireNonNull(path, "path"));
      return this;
    }

    /** Discloses every claim. */
    public Builder discloseAll() {
      all = true;
      return this;
    }

    /** Adds a key binding JWT signed by the holder's key, for {@code audience} and {@code nonce}. */
    public Builder keyBinding(Signer holder, String audience, String nonce) {
      this.holder = Objects.requireNonNull(holder, "holder");
      this.audience = Objects.requireNonNull(audience, "audience");
      this.nonce = Objects.requireNonNull(nonce, "nonce");
      return this;
    }

    /** The clock for the key binding JWT's {@code iat}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Returns the presentation {@code <jwt>~<chosen disclosures>~<kb-jwt>} (or ending in {@code ~} without key
     * binding).
     *
     * @throws IllegalArgumentException for a path that names no claim
     */
    public String build() {
      List<String> chosen = all ? structure.disclosures() : structure.select(paths);
      StringBuilder sb = new StringBuilder(structure.issuerJwt()).append('~');
      chosen.forEach(d -> sb.append(d).append('~'));
      if (holder == null) {
        return sb.toString();
      }
      String sdHash = SdJwtEngine.digest(sb.toString());
      Jws.Header h = Jws.Header.of(holder, "typ", "kb+jwt");
      byte[] payload = Json.writeBytes(Json.object().put("iat", clock.instant().getEpochSecond())
          .put("aud", audience).put("nonce", nonce).put("sd_hash", sdHash));
      return sb.append(Jws.sign(holder, h, payload)).toString();
    }
  }
}
