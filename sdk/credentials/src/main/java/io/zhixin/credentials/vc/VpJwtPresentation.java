package io.zhixin.credentials.vc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhixin.credentials.internal.DataModel;
import io.zhixin.credentials.internal.Json;
import io.zhixin.credentials.internal.Jws;
import io.zhixin.keys.Signer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a holder-signed VC-JOSE-COSE {@code application/vp+jwt} presentation whose credentials are
 * {@code EnvelopedVerifiableCredential}s with {@code data:application/vc+jwt,…} or
 * {@code data:application/dc+sd-jwt,…} ids. The JWT carries {@code aud}, {@code nonce} and {@code iat}.
 *
 * <pre>{@code
 * String vp = VpJwtPresentation.builder().holder(did).keyId(did + "#key-1").signer(holderSigner)
 *     .credential(vcJwt).audience("https://bank.example").nonce(nonce).build();
 * }</pre>
 */
public final class VpJwtPresentation {

  /** Media-type prefix of an enveloped {@code vc+jwt} credential id. */
  public static final String VC_JWT_DATA_URL = "data:application/vc+jwt,";
  /** Media-type prefix of an enveloped SD-JWT VC credential id. */
  public static final String SD_JWT_DATA_URL = "data:application/dc+sd-jwt,";

  private VpJwtPresentation() {}

  public static Builder builder() {
    return new Builder();
  }

  /** The {@code EnvelopedVerifiableCredential} JSON for a secured credential ({@code vc+jwt} or SD-JWT VC). */
  public static String envelope(String securedCredential) {
    return Json.write(envelopeNode(securedCredential));
  }

  private static ObjectNode envelopeNode(String secured) {
    String s = Objects.requireNonNull(secured, "securedCredential").strip();
    ObjectNode o = Json.object();
    o.putArray("@context").add(DataModel.CONTEXT_V2);
    o.put("id", (s.indexOf('~') >= 0 ? SD_JWT_DATA_URL : VC_JWT_DATA_URL) + s);
    o.put("type", "EnvelopedVerifiableCredential");
    return o;
  }

  /** Builds one presentation. Not thread-safe. */
  public static final class Builder {
    private final List<String> credentials = new ArrayList<>();
    private Signer signer;
    private String holder;
    private String keyId;
    private String audience;
    private String nonce;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder signer(Signer signer) {
      this.signer = signer;
      return this;
    }

    /** The holder's DID. */
    public Builder holder(String holder) {
      this.holder = holder;
      return this;
    }

    /** The holder's verification method (authentication). */
    public Builder keyId(String keyId) {
      this.keyId = keyId;
      return this;
    }

    /** Adds a secured credential ({@code vc+jwt} compact JWS, or an SD-JWT VC with chosen disclosures). */
    public Builder credential(String secured) {
      credentials.add(Objects.requireNonNull(secured, "secured"));
      return this;
    }

    public Builder audience(String audience) {
      this.audience = audience;
      return this;
    }

    public Builder nonce(String nonce) {
      this.nonce = nonce;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Signs the presentation.
     *
     * @throws IllegalStateException if signer, holder, keyId, audience, nonce or credentials are missing
     */
    public String build() {
      if (signer == null || holder == null || keyId == null || audience == null || nonce == null
          || credentials.isEmpty()) {
        throw new IllegalStateException("signer, holder, keyId, audience, nonce and a credential are required");
      }
      ObjectNode vp = Json.object();
      vp.putArray("@context").add(DataModel.CONTEXT_V2);
      vp.putArray("type").add("VerifiablePresentation");
      vp.put("holder", holder);
      ArrayNode vcs = vp.putArray("verifiableCredential");
      credentials.forEach(c -> vcs.add(envelopeNode(c)));
      vp.put("aud", audience).put("nonce", nonce).put("iat", clock.instant().getEpochSecond());
      Jws.Header h = Jws.Header.of(signer, "typ", "vp+jwt", "cty", "vp", "kid", keyId);
      return Jws.sign(signer, h, Json.writeBytes(vp));
    }
  }
}
