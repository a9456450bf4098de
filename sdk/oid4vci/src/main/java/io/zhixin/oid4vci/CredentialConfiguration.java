package io.zhixin.oid4vci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of {@code credential_configurations_supported}: an id, a format and the type it issues, with display
 * names for wallets. Immutable.
 *
 * <pre>{@code
 * CredentialConfiguration id = CredentialConfiguration.sdJwt("identity", DomainType.NATURAL_PERSON_IDENTITY.vct())
 *     .displayName("居民身份凭证 Resident identity").claim("name", "姓名 Name").build();
 * }</pre>
 */
public final class CredentialConfiguration {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final String id;
  private final CredentialFormatId format;
  private final String vct;
  private final List<String> types;
  private final String displayName;
  private final Map<String, String> claimNames;

  private CredentialConfiguration(Builder b) {
    this.id = b.id;
    this.format = b.format;
    this.vct = b.vct;
    this.types = List.copyOf(b.types);
    this.displayName = b.displayName;
    this.claimNames = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.claims));
  }

  /** An SD-JWT VC ({@code dc+sd-jwt}) configuration issuing credentials of type {@code vct}. */
  public static Builder sdJwt(String id, String vct) {
    Builder b = new Builder(id, CredentialFormatId.DC_SD_JWT);
    b.vct = Objects.requireNonNull(vct, "vct");
    return b;
  }

  /**
   * A W3C credential ({@code jwt_vc_json}, secured as {@code vc+jwt}) configuration whose {@code type} is
   * {@code VerifiableCredential} followed by {@code types}.
   */
  public static Builder vcJwt(String id, String... types) {
    if (types.length == 0) {
      throw new IllegalArgumentException("a W3C credential configuration needs at least one type besides "
          + "VerifiableCredential");
    }
    Builder b = new Builder(id, CredentialFormatId.JWT_VC_JSON);
    b.types.addAll(List.of(types));
    return b;
  }

  public String id() {
    return id;
  }

  public CredentialFormatId format() {
    return format;
  }

  /** The {@code vct} of an SD-JWT VC configuration, or null. */
  public String vct() {
    return vct;
  }

  /** The W3C types after {@code VerifiableCredential} of a {@code jwt_vc_json} configuration, or empty. */
  public List<String> types() {
    return types;
  }

  public String displayName() {
    return displayName;
  }

  /** Display names of claims by slash-separated path, in order. */
  public Map<String, String> claimNames() {
    return claimNames;
  }

  @Override
  public String toString() {
    return "CredentialConfiguration{" + id + ", " + format.id() + ", " + (vct != null ? vct : types) + "}";
  }

  /** Builds a {@link CredentialConfiguration}. */
  public static final class Builder {
    private final String id;
    private final CredentialFormatId format;
    private String vct;
    private final List<String> types = new ArrayList<>();
    private String displayName;
    private final Map<String, String> claims = new LinkedHashMap<>();

    private Builder(String id, CredentialFormatId format) {
      if (id == null || !ID.matcher(id).matches()) {
        throw new IllegalArgumentException("configuration id must match " + ID + ", found " + id);
      }
      this.id = id;
      this.format = format;
    }

    /** The name wallets show for this credential, e.g. {@code 居民身份凭证}. */
    public Builder displayName(String name) {
      this.displayName = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Describes a claim ({@code name}, {@code address/locality}) for wallets. */
    public Builder claim(String path, String displayName) {
      claims.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(displayName, "displayName"));
      return this;
    }

    public CredentialConfiguration build() {
      return new CredentialConfiguration(this);
    }
  }
}
