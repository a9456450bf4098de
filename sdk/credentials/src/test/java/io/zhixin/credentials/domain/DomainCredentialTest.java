package io.zhixin.credentials.domain;

import static io.zhixin.credentials.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.credentials.Check;
import io.zhixin.credentials.CheckCode;
import io.zhixin.credentials.CredentialValidationException;
import io.zhixin.credentials.VerificationResult;
import io.zhixin.credentials.Verifier;
import io.zhixin.credentials.sdjwt.SdJwtIssuer;
import io.zhixin.credentials.sdjwt.SdJwtPresentation;
import io.zhixin.credentials.sdjwt.SdJwtVcIssuer;
import io.zhixin.credentials.vc.VcJwtIssuer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainCredentialTest {

  static final SdJwtVcIssuer GAJ = SdJwtVcIssuer.builder().signer(ISSUER_KEY.signer()).issuer(ISSUER).keyId(KID)
      .clock(CLOCK).build();

  static Verifier.Builder verifierFor(DomainType t) {
    return Verifier.builder().issuerKeys(keys()).trustedIssuers(ISSUER).acceptedTypes(t.vct(), t.w3cType())
        .audience(AUD).nonce(NONCE).ignoreStatus().clock(CLOCK);
  }

  @Test
  void naturalPerson_derivesBirthGenderAgesAndPseudonym() {
    DomainCredential id = DomainCredential.naturalPerson("张三", "11010519491231002X", "440604", "佛山市禅城区", CLOCK);
    assertThat(id.claims()).containsEntry("birth_date", "1949-12-31").containsEntry("gender", "female")
        .containsEntry("age_over_18", true).containsEntry("age_over_60", true);
    assertThat((String) id.claims().get("subject_id")).startsWith("zx:").hasSizeGreaterThanOrEqualTo(25);
    assertThat(DomainCredential.naturalPerson("李四", "11010519491231002X", "440604", "禅城", CLOCK)
        .claims().get("subject_id")).isNotEqualTo(id.claims().get("subject_id"));
  }

  @Test
  void naturalPerson_showOnlyNameAndAge_verified() {
    DomainCredential id = DomainCredential.naturalPerson("张三", "11010519491231002X", "440604", "佛山市禅城区", CLOCK);
    String issued = GAJ.issue(id.type().vct(), id.sdClaims(), HOLDER_KEY.publicJwk(), NOW.plus(Duration.ofDays(3650)),
        List.of());
    String p = SdJwtPresentation.builder(issued).disclose("name").disclose("age_over_18").clock(CLOCK)
        .keyBinding(HOLDER_KEY.signer(), AUD, NONCE).build();
    VerificationResult r = verifierFor(DomainType.NATURAL_PERSON_IDENTITY).requiredClaims("name", "age_over_18")
        .build().verify(p);
    assertThat(r.problems()).isEmpty();
    assertThat(r.orElseThrow().credential().claims()).containsOnlyKeys("iss", "vct", "iat", "exp", "cnf", "name",
        "age_over_18");
    assertThat(r.checks()).extracting(Check::code).contains(CheckCode.SCHEMA);
  }

  @Test
  void issuers_refuseInvalidDomainClaims() {
    io.zhixin.credentials.sdjwt.SdObject bad = io.zhixin.credentials.sdjwt.SdObject.builder()
        .disclosable("name", "张三").disclosable("resident_id", "110105194912310021").build();
    assertThatThrownBy(() -> GAJ.issue(DomainType.NATURAL_PERSON_IDENTITY.vct(), bad, null, null, List.of()))
        .isInstanceOf(CredentialValidationException.class).hasMessageContaining("birth_date");
    assertThatThrownBy(() -> VcJwtIssuer.builder().signer(ISSUER_KEY.signer()).issuer(ISSUER).keyId(KID).build()
        .issue(io.zhixin.credentials.vc.VerifiableCredential.builder().type(DomainType.LEGAL_ENTITY.w3cType())
            .issuer(ISSUER).subject(Map.of("name", "x")).build()))
        .isInstanceOf(CredentialValidationException.class).hasMessageContaining("unified_social_credit_code");
  }

  @Test
  void naturalPerson_signedButInconsistentClaims_rejectedNamingField() {
    Map<String, Object> bad = new LinkedHashMap<>(DomainCredential.naturalPerson("张三", "11010519491231002X", "440604",
        "禅城", CLOCK).claims());
    bad.put("birth_date", "1950-01-01");
    io.zhixin.credentials.sdjwt.SdObject.Builder b = io.zhixin.credentials.sdjwt.SdObject.builder();
    bad.forEach(b::disclosable);
    // The SDK refuses to issue this, so sign it with the plain SD-JWT issuer as a rogue issuer would.
    String issued = SdJwtIssuer.builder().signer(ISSUER_KEY.signer()).keyId(KID).build().issue(
        io.zhixin.credentials.sdjwt.SdObject.builder().plain("iss", ISSUER)
            .plain("vct", DomainType.NATURAL_PERSON_IDENTITY.vct()).putAll(b.build()).build(),
        HOLDER_KEY.publicJwk());
    String p = SdJwtPresentation.builder(issued).discloseAll().clock(CLOCK)
        .keyBinding(HOLDER_KEY.signer(), AUD, NONCE).build();
    VerificationResult r = verifierFor(DomainType.NATURAL_PERSON_IDENTITY).build().verify(p);
    assertThat(r.problems()).extracting(Check::code).containsExactly(CheckCode.SCHEMA);
    assertThat(r.problems().get(0).detail()).contains("birth_date");
  }

  @Test
  void of_schemaViolations_nameTheField() {
    assertThatThrownBy(() -> DomainCredential.naturalPerson("张三", "110105194912310021", "440604", "禅城", CLOCK))
        .isInstanceOf(CredentialValidationException.class).hasMessageContaining("resident_id");
    assertThatThrownBy(() -> DomainCredential.naturalPerson("张三", "11010519491231002X", "4406", "禅城", CLOCK))
        .isInstanceOf(CredentialValidationException.class).hasMessageContaining("registered_area.code");
    assertThatThrownBy(() -> DomainCredential.of(DomainType.SUBSIDY_ELIGIBILITY, Map.of("subject_id",
        DomainCredential.newSubjectId(), "programme_id", "elderly-care", "programme_name", "高龄津贴",
        "amount_cny", -5, "period", "2026-Q4"), NOW)).hasMessageContaining("amount_cny");
    assertThatThrownBy(() -> DomainCredential.of(DomainType.QUALIFICATION, Map.of("subject_id",
        DomainCredential.newSubjectId(), "qualification", "student", "granted_on", "2026-01-01"), NOW))
        .hasMessageContaining("qualification");
  }

  static Map<String, Object> company(String uscc, String repDid) {
    return Map.of("unified_social_credit_code", uscc, "name", "佛山市禅城区智信科技有限公司", "entity_type", "有限责任公司",
        "legal_representative", Map.of("name", "王五", "did", repDid), "registration_authority",
        "佛山市禅城区市场监督管理局", "establishment_date", "2015-06-01", "registration_status", "active");
  }

  /** A legal entity must issue as SD-JWT VC too: its registration status may not use the reserved name status. */
  @Test
  void legalEntity_issuesAsSdJwtVc() {
    DomainCredential c = DomainCredential.of(DomainType.LEGAL_ENTITY, company("91440604MA4W7P2K3G", "did:example:rep"), NOW);
    String sdJwt = SdJwtVcIssuer.builder().signer(ISSUER_KEY.signer()).issuer(ISSUER).keyId(KID).clock(CLOCK).build()
        .issue(DomainType.LEGAL_ENTITY.vct(), c.sdClaims(), HOLDER_KEY.publicJwk(), NOW.plusSeconds(86_400), List.of());
    assertThat(SdJwtPresentation.disclosablePaths(sdJwt)).contains("registration_status", "unified_social_credit_code");
  }

  @Test
  void legalEntity_pilotCode_acceptedWithWarning_atIssuanceAndVerification() {
    DomainCredential c = DomainCredential.of(DomainType.LEGAL_ENTITY, company("91350100M000100Y44", "did:example:rep"),
        NOW);
    assertThat(c.warnings()).singleElement().satisfies(w -> {
      assertThat(w.outcome()).isEqualTo(Check.Outcome.WARNED);
      assertThat(w.detail()).contains("unified_social_credit_code").contains("pilot");
    });
    String jwt = VcJwtIssuer.builder().signer(ISSUER_KEY.signer()).issuer(ISSUER).keyId(KID).build()
        .issue(c.toW3c(ISSUER, null, NOW.minusSeconds(60), null, List.of()));
    VerificationResult r = verifierFor(DomainType.LEGAL_ENTITY).build().verify(jwt);
    assertThat(r.isVerified()).isTrue();
    assertThat(r.warnings()).extracting(Check::code).contains(CheckCode.SCHEMA);
    assertThat(DomainCredential.of(DomainType.LEGAL_ENTITY, company("91350100M000100Y43", "did:example:rep"), NOW)
        .warnings()).isEmpty();
  }

  @Test
  void authorisationChain_companyRepresentativeAgent() {
    String rep = "did:example:rep";
    String agent = "did:example:agent";
    io.zhixin.keys.KeyPair repKey = io.zhixin.keys.KeyPair.generate(io.zhixin.keys.KeyType.P256);
    String company = VcJwtIssuer.builder().signer(ISSUER_KEY.signer()).issuer(ISSUER).keyId(KID).build()
        .issue(DomainCredential.of(DomainType.LEGAL_ENTITY, company("91350100M000100Y43", rep), NOW)
            .toW3c(ISSUER, null, NOW.minusSeconds(60), null, List.of()));
    DomainCredential auth = DomainCredential.of(DomainType.AUTHORISATION, Map.of("company_uscc",
        "91350100M000100Y43", "company_name", "智信科技", "agent_did", agent, "scopes", List.of("tax.filing"),
        "valid_from", "2026-12-01T00:00:00Z", "valid_until", "2027-12-01T00:00:00Z"), NOW);
    String authJwt = VcJwtIssuer.builder().signer(repKey.signer()).issuer(rep).keyId(rep + "#key-1").build()
        .issue(auth.toW3c(rep, agent, NOW.minusSeconds(60), null, List.of()));
    AuthorisationChainVerifier v = AuthorisationChainVerifier.builder()
        .entityVerifier(Verifier.builder().issuerKeys(keys()).trustedIssuers(ISSUER)
            .acceptedTypes(DomainType.LEGAL_ENTITY.w3cType()).ignoreAudience().ignoreNonce().ignoreStatus()
            .clock(CLOCK).build())
        .representativeKeys((iss, kid) -> rep.equals(iss) ? repKey.publicJwk() : null).clock(CLOCK).build();

    VerificationResult ok = v.verify(company, authJwt, agent, "tax.filing");
    assertThat(ok.problems()).isEmpty();
    assertThat(ok.checks()).extracting(Check::code).contains(CheckCode.CHAIN);

    assertThat(v.verify(company, authJwt, agent, "bank.loan").problems()).extracting(Check::code)
        .containsExactly(CheckCode.CHAIN);
    assertThat(v.verify(company, authJwt, "did:example:other", "tax.filing").problems()).extracting(Check::code)
        .containsExactly(CheckCode.CHAIN);
    // Signed by someone other than the representative.
    String forged = VcJwtIssuer.builder().signer(OTHER_KEY.signer()).issuer(rep).keyId(rep + "#key-1").build()
        .issue(auth.toW3c(rep, agent, NOW.minusSeconds(60), null, List.of()));
    assertThat(v.verify(company, forged, agent, "tax.filing").problems()).extracting(Check::code)
        .contains(CheckCode.SIGNATURE, CheckCode.CHAIN);
  }
}
