package io.zhixin.credentials.domain;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The credential types Zhixin defines, each with an SD-JWT VC {@code vct}, a W3C type and a bundled JSON Schema. */
public enum DomainType {
  NATURAL_PERSON_IDENTITY("NaturalPersonIdentityCredential", "natural-person-identity"),
  LEGAL_ENTITY("LegalEntityCredential", "legal-entity"),
  AUTHORISATION("AuthorisationCredential", "authorisation"),
  RESIDENCE_CERTIFICATE("ResidenceCertificateCredential", "residence-certificate"),
  QUALIFICATION("QualificationCredential", "qualification"),
  SUBSIDY_ELIGIBILITY("SubsidyEligibilityCredential", "subsidy-eligibility");

  private final String w3cType;
  private final String schemaName;
  private final String vct;

  DomainType(String w3cType, String schemaName) {
    this.w3cType = w3cType;
    this.schemaName = schemaName;
    this.vct = "https://zhixin.io/vct/" + schemaName;
  }

  /** The SD-JWT VC type, e.g. {@code https://zhixin.io/vct/natural-person-identity}. */
  public String vct() {
    return vct;
  }

  /** The W3C {@code type} value, e.g. {@code NaturalPersonIdentityCredential}. */
  public String w3cType() {
    return w3cType;
  }

  /** Classpath resource of the bundled JSON Schema (draft 2020-12). */
  public String schemaResource() {
    return "/io/zhixin/credentials/schemas/" + schemaName + ".json";
  }

  private static final Map<String, DomainType> BY_TYPE_OR_VCT = Stream.of(values())
      .flatMap(t -> Stream.of(Map.entry(t.vct, t), Map.entry(t.w3cType, t)))
      .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

  /** The domain type with this {@code vct} or W3C type. */
  public static Optional<DomainType> of(String typeOrVct) {
    return typeOrVct == null ? Optional.empty() : Optional.ofNullable(BY_TYPE_OR_VCT.get(typeOrVct));
  }
}
