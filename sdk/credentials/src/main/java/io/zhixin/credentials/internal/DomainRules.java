package io.zhixin.credentials.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.zhixin.credentials.Check;
import io.zhixin.credentials.CheckCode;
import io.zhixin.credentials.domain.DomainType;
import io.zhixin.credentials.domain.ResidentIdNumber;
import io.zhixin.credentials.domain.UnifiedSocialCreditCode;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Bundled JSON Schemas and type-specific rules for the domain credentials. The "disclosed" variant of each schema
 * has no {@code required} members, because a holder discloses only some claims. Errors name the field. Thread-safe.
 */
public final class DomainRules {

  /** China Standard Time: birthdays and ages are counted in the issuer's calendar. */
  private static final ZoneOffset CST = ZoneOffset.ofHours(8);
  private static final Map<DomainType, Schema> FULL = new EnumMap<>(DomainType.class);
  private static final Map<DomainType, Schema> DISCLOSED = new EnumMap<>(DomainType.class);

  static {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    for (DomainType t : DomainType.values()) {
      JsonNode schema = load(t.schemaResource());
      FULL.put(t, registry.getSchema(SchemaLocation.of("urn:zhixin:schema:full:" + t.name()), schema));
      JsonNode partial = schema.deepCopy();
      stripRequired(partial);
      DISCLOSED.put(t, registry.getSchema(SchemaLocation.of("urn:zhixin:schema:disclosed:" + t.name()), partial));
    }
  }

  private DomainRules() {}

  private static JsonNode load(String resource) {
    try (InputStream in = DomainRules.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("bundled schema missing: " + resource);
      }
      return Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("bundled schema unreadable: " + resource, e);
    }
  }

  private static void stripRequired(JsonNode n) {
    if (n.isObject()) {
      ((ObjectNode) n).remove("required");
    }
    n.forEach(DomainRules::stripRequired);
  }

  /**
   * Validates the claims of a domain credential. {@code complete} is true at issuance (every required claim, and
   * the age predicates recomputed at {@code now}); false at verification (disclosed claims only).
   */
  public static List<Check> validate(DomainType type, JsonNode claims, boolean complete, java.time.Instant now) {
    List<Check> out = new ArrayList<>();
    String t = type.w3cType() + ": ";
    List<Error> errors = (complete ? FULL : DISCLOSED).get(type).validate(claims);
    for (Error e : errors) {
      String field = e.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "").replaceFirst("^/", "")
          .replace('/', '.');
      String prop = e.getProperty();
      String where = prop != null && !e.getMessage().contains(prop) ? join(field, prop) : field;
      out.add(Check.failed(CheckCode.SCHEMA, t + (where.isEmpty() ? "" : where + ": ") + e.getMessage()));
    }
    if (!out.isEmpty()) {
      return out;
    }
    switch (type) {
      case NATURAL_PERSON_IDENTITY:
        identity(claims, complete, now, t, out);
        break;
      case LEGAL_ENTITY:
        uscc(claims, "unified_social_credit_code", t, out);
        date(claims, "establishment_date", now, t, out);
        break;
      case AUTHORISATION:
        uscc(claims, "company_uscc", t, out);
        period(claims, t, out);
        break;
      case RESIDENCE_CERTIFICATE:
        date(claims, "resident_since", now, t, out);
        break;
      case QUALIFICATION:
        date(claims, "granted_on", now, t, out);
        if (claims.has("disability_grade") && "senior".equals(claims.path("qualification").asText())) {
          out.add(Check.failed(CheckCode.SCHEMA, t + "disability_grade: only allowed for qualification disability"));
        }
        break;
      default:
        break;
    }
    if (out.stream().noneMatch(Check::isFailed)) {
      out.add(Check.passed(CheckCode.SCHEMA, t + "schema and field rules"));
    }
    return out;
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : a + "." + b;
  }

  private static void identity(JsonNode c, boolean complete, java.time.Instant now, String t, List<Check> out) {
    JsonNode idNode = c.get("resident_id");
    ResidentIdNumber id = null;
    if (idNode != null) {
      try {
        id = ResidentIdNumber.parse(idNode.asText());
      } catch (IllegalArgumentException e) {
        out.add(Check.failed(CheckCode.SCHEMA, t + e.getMessage()));
        return;
      }
    }
    LocalDate birth = date(c, "birth_date", now, t, out);
    if (id != null && birth != null && !id.birthDate().equals(birth)) {
      out.add(Check.failed(CheckCode.SCHEMA, t + "birth_date does not match the birth date in resident_id"));
    }
    if (id != null && c.has("gender") && !id.gender().equals(c.get("gender").asText())) {
      out.add(Check.failed(CheckCode.SCHEMA, t + "gender does not match the sequence digit of resident_id"));
    }
    if (complete && birth != null) {
      int age = Period.between(birth, now.atOffset(CST).toLocalDate()).getYears();
      if (c.path("age_over_18").asBoolean() != age >= 18) {
        out.add(Check.failed(CheckCode.SCHEMA, t + "age_over_18 must be " + (age >= 18) + " for the birth date"));
      }
      if (c.path("age_over_60").asBoolean() != age >= 60) {
        out.add(Check.failed(CheckCode.SCHEMA, t + "age_over_60 must be " + (age >= 60) + " for the birth date"));
      }
    }
  }

  private static void uscc(JsonNode c, String field, String t, List<Check> out) {
    JsonNode n = c.get(field);
    if (n == null) {
      return;
    }
    try {
      if (!UnifiedSocialCreditCode.parse(n.asText()).checksumValid()) {
        out.add(Check.warned(CheckCode.SCHEMA, t + field + " fails the GB 32100 check character; accepted as an "
            + "early pilot code"));
      }
    } catch (IllegalArgumentException e) {
      out.add(Check.failed(CheckCode.SCHEMA, t + e.getMessage()));
    }
  }

  private static LocalDate date(JsonNode c, String field, java.time.Instant now, String t, List<Check> out) {
    JsonNode n = c.get(field);
    if (n == null) {
      return null;
    }
    try {
      LocalDate d = LocalDate.parse(n.asText());
      if (d.isAfter(now.atOffset(CST).toLocalDate())) {
        out.add(Check.failed(CheckCode.SCHEMA, t + field + " " + d + " is in the future"));
      }
      return d;
    } catch (DateTimeParseException e) {
      out.add(Check.failed(CheckCode.SCHEMA, t + field + " is not a valid date (YYYY-MM-DD)"));
      return null;
    }
  }

  private static void period(JsonNode c, String t, List<Check> out) {
    if (!c.has("valid_from") || !c.has("valid_until")) {
      return;
    }
    try {
      OffsetDateTime from = OffsetDateTime.parse(c.get("valid_from").asText());
      OffsetDateTime until = OffsetDateTime.parse(c.get("valid_until").asText());
      if (!until.isAfter(from)) {
        out.add(Check.failed(CheckCode.SCHEMA, t + "valid_until must be after valid_from"));
      }
    } catch (DateTimeParseException e) {
      out.add(Check.failed(CheckCode.SCHEMA, t + "valid_from/valid_until must be date-times"));
    }
  }

  /**
   * Refuses, at issuance, claims of a Zhixin domain type that break its schema or rules.
   *
   * @throws io.zhixin.credentials.CredentialValidationException naming each invalid field
   */
  public static void requireValid(List<String> types, JsonNode claims, java.time.Instant now) {
    for (String t : types) {
      DomainType dt = DomainType.of(t).orElse(null);
      if (dt != null) {
        List<Check> r = validate(dt, claims, true, now);
        if (r.stream().anyMatch(Check::isFailed)) {
          throw new io.zhixin.credentials.CredentialValidationException(r.stream().filter(Check::isFailed).toList());
        }
      }
    }
  }

  /** Claims of an SD-JWT VC without the JWT and SD-JWT VC registered claims. */
  public static ObjectNode subjectClaims(ObjectNode claims) {
    ObjectNode o = claims.deepCopy();
    for (Iterator<String> it = List.of("iss", "vct", "iat", "nbf", "exp", "cnf", "status", "sub", "jti").iterator();
        it.hasNext();) {
      o.remove(it.next());
    }
    return o;
  }
}
