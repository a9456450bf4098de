package io.zhixin.credentials.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhixin.credentials.Check;
import io.zhixin.credentials.CredentialValidationException;
import io.zhixin.credentials.internal.DomainRules;
import io.zhixin.credentials.internal.Json;
import io.zhixin.credentials.sdjwt.SdObject;
import io.zhixin.credentials.status.StatusEntry;
import io.zhixin.credentials.vc.VerifiableCredential;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The validated claims of one domain credential (identity, legal entity, authorisation, residence, qualification,
 * subsidy), ready to be issued as an SD-JWT VC (every claim selectively disclosable) or as a W3C credential.
 * Immutable.
 *
 * <p>Validation runs the bundled JSON Schema and the type's rules; failures throw
 * {@link CredentialValidationException} naming the field. Accepted caveats, such as an early pilot credit code that
 * fails its checksum, are kept in {@link #warnings()}: the caller decides whether to show or log them; verifiers
 * report them again as {@code WARNED} checks.
 *
 * <pre>{@code
 * DomainCredential id = DomainCredential.naturalPerson("张三", "11010519491231002X", "440604", "佛山市禅城区", clock);
 * String sdJwt = sdJwtVcIssuer.issue(id.type().vct(), id.sdClaims(), holderJwk, validUntil, status);
 * }</pre>
 */
public final class DomainCredential {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final DomainType type;
  private final ObjectNode claims;
  private final List<Check> warnings;

  private DomainCredential(DomainType type, ObjectNode claims, List<Check> warnings) {
    this.type = type;
    this.claims = claims;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Validates {@code claims} as a credential of {@code type} at {@code now}.
   *
   * @throws CredentialValidationException naming each invalid field
   */
  public static DomainCredential of(DomainType type, Map<String, ?> claims, Instant now) {
    Objects.requireNonNull(type, "type");
    JsonNode node = Json.toNode(claims);
    if (!node.isObject()) {
      throw new IllegalArgumentException("claims must be a JSON object");
    }
    List<Check> result = DomainRules.validate(type, node, true, now);
    if (result.stream().anyMatch(Check::isFailed)) {
      throw new CredentialValidationException(result.stream().filter(Check::isFailed).toList());
    }
    return new DomainCredential(type, (ObjectNode) node,
        result.stream().filter(c -> c.outcome() == Check.Outcome.WARNED).toList());
  }

  /**
   * A natural-person identity: derives {@code birth_date} and {@code gender} from the resident ID number, computes
   * {@code age_over_18} and {@code age_over_60} at the clock's date, and draws a random pseudonymous
   * {@code subject_id} (unrelated to any personal data, for on-chain use).
   *
   * @throws CredentialValidationException naming the invalid field (e.g. a wrong check character)
   */
  public static DomainCredential naturalPerson(String name, String residentId, String areaCode, String areaName,
      Clock clock) {
    ResidentIdNumber id;
    try {
      id = ResidentIdNumber.parse(residentId);
    } catch (IllegalArgumentException e) {
      throw new CredentialValidationException(List.of(Check.failed(io.zhixin.credentials.CheckCode.SCHEMA,
          DomainType.NATURAL_PERSON_IDENTITY.w3cType() + ": " + e.getMessage())));
    }
    Instant now = clock.instant();
    int age = Period.between(id.birthDate(), now.atOffset(ZoneOffset.ofHours(8)).toLocalDate()).getYears();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("resident_id", id.value());
    m.put("birth_date", id.birthDate().toString());
    m.put("gender", id.gender());
    m.put("registered_area", Map.of("code", areaCode, "name", areaName));
    m.put("subject_id", newSubjectId());
    m.put("age_over_18", age >= 18);
    m.put("age_over_60", age >= 60);
    return of(DomainType.NATURAL_PERSON_IDENTITY, m, now);
  }

  /** A fresh random pseudonymous subject identifier ({@code zx:} + 128 random bits, base64url). */
  public static String newSubjectId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return "zx:" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public DomainType type() {
    return type;
  }

  /** The claims as an unmodifiable JSON-like map. */
  public Map<String, Object> claims() {
    return Json.toImmutableMap(claims);
  }

  /** Accepted caveats (e.g. a pilot credit code failing its checksum); empty for most credentials. */
  public List<Check> warnings() {
    return warnings;
  }

  /** The claims for SD-JWT VC issuance: each top-level claim, and each member of an object claim, disclosable. */
  public SdObject sdClaims() {
    SdObject.Builder b = SdObject.builder();
    claims.fields().forEachRemaining(e -> {
      JsonNode v = e.getValue();
      if (v.isObject()) {
        SdObject.Builder inner = SdObject.builder();
        v.fields().forEachRemaining(f -> inner.disclosable(f.getKey(), f.getValue()));
        b.disclosable(e.getKey(), inner.build());
      } else {
        b.disclosable(e.getKey(), v);
      }
    });
    return b.decoys(3).build();
  }

  /** A W3C credential with these claims as its subject (for {@code vc+jwt}). */
  public VerifiableCredential toW3c(String issuer, String subjectDid, Instant validFrom, Instant validUntil,
      List<StatusEntry> status) {
    Map<String, Object> subject = new LinkedHashMap<>();
    if (subjectDid != null) {
      subject.put("id", subjectDid);
    }
    subject.putAll(claims());
    VerifiableCredential.Builder b = VerifiableCredential.builder().type(type.w3cType()).issuer(issuer)
        .validFrom(validFrom).validUntil(validUntil).subject(subject);
    status.forEach(b::status);
    return b.build();
  }

  @Override
  public String toString() {
    return "DomainCredential{" + type + ", claims=" + claims().keySet() + "}";
  }
}
