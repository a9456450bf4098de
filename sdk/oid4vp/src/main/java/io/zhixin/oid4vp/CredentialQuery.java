package io.zhixin.oid4vp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One credential query of a DCQL query (OpenID4VP 1.0 §6.1): its id, format, {@code meta} ({@code vct_values} for
 * {@code dc+sd-jwt}, {@code type_values} for {@code jwt_vc_json}), the claims asked for and optional
 * {@code claim_sets}. Immutable.
 *
 * <pre>{@code
 * CredentialQuery q = CredentialQuery.sdJwt("identity").vct(DomainType.NATURAL_PERSON_IDENTITY.vct())
 *     .claim("name").claim("age_over_18").build();
 * }</pre>
 */
public final class CredentialQuery {
  /** SD-JWT VC. */
  public static final String DC_SD_JWT = "dc+sd-jwt";
  /** W3C VC signed as JWT (Zhixin: VC 2.0 {@code vc+jwt}, presented in a {@code vp+jwt}). */
  public static final String JWT_VC_JSON = "jwt_vc_json";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final String id;
  private final String format;
  private final List<String> vctValues;
  private final List<List<String>> typeValues;
  private final List<ClaimsQuery> claims;
  private final List<List<String>> claimSets;
  private final boolean multiple;
  private final boolean requireHolderBinding;

  private CredentialQuery(Builder b) {
    this.id = b.id;
    this.format = b.format;
    this.vctValues = List.copyOf(b.vctValues);
    this.typeValues = b.typeValues.stream().map(List::copyOf).toList();
    this.claims = List.copyOf(b.claims);
    this.claimSets = b.claimSets.stream().map(List::copyOf).toList();
    this.multiple = b.multiple;
    this.requireHolderBinding = b.requireHolderBinding;
  }

  /** A query for an SD-JWT VC. */
  public static Builder sdJwt(String id) {
    return new Builder(id, DC_SD_JWT);
  }

  /** A query for a W3C credential ({@code jwt_vc_json}). */
  public static Builder w3c(String id) {
    return new Builder(id, JWT_VC_JSON);
  }

  public String id() {
    return id;
  }

  public String format() {
    return format;
  }

  public List<String> vctValues() {
    return vctValues;
  }

  public List<List<String>> typeValues() {
    return typeValues;
  }

  public List<ClaimsQuery> claims() {
    return claims;
  }

  public List<List<String>> claimSets() {
    return claimSets;
  }

  public boolean multiple() {
    return multiple;
  }

  public boolean requireCryptographicHolderBinding() {
    return requireHolderBinding;
  }

  @Override
  public String toString() {
    return "CredentialQuery{" + id + ", " + format + ", " + claims + "}";
  }

  /** Builds a {@link CredentialQuery}. */
  public static final class Builder {
    private final String id;
    private final String format;
    private final List<String> vctValues = new ArrayList<>();
    private final List<List<String>> typeValues = new ArrayList<>();
    private final List<ClaimsQuery> claims = new ArrayList<>();
    private final List<List<String>> claimSets = new ArrayList<>();
    private boolean multiple;
    private boolean requireHolderBinding = true;

    private Builder(String id, String format) {
      if (id == null || !ID.matcher(id).matches()) {
        throw new IllegalArgumentException("a credential query id must match " + ID + ", found " + id);
      }
      this.id = id;
      this.format = format;
    }

    /** Accepted {@code vct} values (SD-JWT VC). */
    public Builder vct(String... vcts) {
      vctValues.addAll(List.of(vcts));
      return this;
    }

    /** One accepted set of W3C types: the credential must have all of them. */
    public Builder types(String... types) {
      typeValues.add(List.of(types));
      return this;
    }

    /** Asks for the claim at a slash-separated path ({@code name}, {@code address/locality}). */
    public Builder claim(String slashPath) {
      claims.add(ClaimsQuery.parsePath(slashPath));
      return this;
    }

    public Builder claim(ClaimsQuery claim) {
      claims.add(Objects.requireNonNull(claim, "claim"));
      return this;
    }

    /** One acceptable combination of claim ids, in order of preference. */
    public Builder claimSet(String... claimIds) {
      claimSets.add(List.of(claimIds));
      return this;
    }

    public Builder multiple(boolean multiple) {
      this.multiple = multiple;
      return this;
    }

    /**
     * Builds the query.
     *
     * @throws IllegalStateException when the meta values are missing, or claim_sets name unknown claim ids
     */
    public CredentialQuery build() {
      if (format.equals(DC_SD_JWT) && vctValues.isEmpty()) {
        throw new IllegalStateException("an SD-JWT VC query needs vct(...)");
      }
      if (format.equals(JWT_VC_JSON) && typeValues.isEmpty()) {
        throw new IllegalStateException("a W3C credential query needs types(...)");
      }
      java.util.Set<String> ids = new java.util.HashSet<>();
      for (ClaimsQuery c : claims) {
        if (c.id() != null && !ids.add(c.id())) {
          throw new IllegalStateException("duplicate claim id " + c.id());
        }
      }
      for (List<String> set : claimSets) {
        if (set.isEmpty() || !ids.containsAll(set)) {
          throw new IllegalStateException("claim_sets must name claim ids of this query, found " + set);
        }
      }
      return new CredentialQuery(this);
    }
  }
}
