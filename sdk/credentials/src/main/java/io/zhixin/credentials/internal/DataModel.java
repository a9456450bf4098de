package io.zhixin.credentials.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.zhixin.credentials.Check;
import io.zhixin.credentials.CheckCode;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The W3C VC Data Model 2.0 rules that can be checked without JSON-LD processing (so without any network fetch).
 * Each violation is a failed {@link CheckCode#DATA_MODEL} check whose detail starts with the rule's name.
 */
public final class DataModel {

  public static final String CONTEXT_V2 = "https://www.w3.org/ns/credentials/v2";
  private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*");
  private static final Pattern SRI = Pattern.compile("(sha256|sha384|sha512)-[A-Za-z0-9+/]+={0,2}");

  private DataModel() {}

  /** Validates a credential; returns the violations (empty when valid). */
  public static List<Check> validateCredential(JsonNode vc) {
    List<Check> v = new ArrayList<>();
    if (!vc.isObject()) {
      v.add(fail("credential", "a credential must be a JSON object"));
      return v;
    }
    context(vc, v);
    types(vc, "VerifiableCredential", v);
    optionalUrl(vc, "id", "id", v);
    JsonNode issuer = vc.get("issuer");
    if (issuer == null) {
      v.add(fail("issuer", "issuer is required"));
    } else if (issuer.isObject()) {
      if (!isUrl(issuer.get("id"))) {
        v.add(fail("issuer", "an issuer object must have an id that is a URL"));
      }
      languageValues(issuer, "issuer.", v);
    } else if (!isUrl(issuer)) {
      v.add(fail("issuer", "issuer must be a URL or an object with an id URL, found " + issuer));
    }
    validity(vc, v);
    JsonNode subject = vc.get("credentialSubject");
    if (subject == null) {
      v.add(fail("credentialSubject", "credentialSubject is required"));
    } else {
      for (JsonNode s : each(subject)) {
        if (!s.isObject() || s.isEmpty()) {
          v.add(fail("credentialSubject", "each credentialSubject must be a non-empty object"));
        } else if (s.has("id") && !isUrl(s.get("id"))) {
          v.add(fail("credentialSubject", "credentialSubject.id must be a URL"));
        }
      }
      if (subject.isArray() && subject.isEmpty()) {
        v.add(fail("credentialSubject", "credentialSubject must not be an empty array"));
      }
    }
    typed(vc, "credentialStatus", v);
    typed(vc, "credentialSchema", v);
    for (JsonNode s : each(vc.get("credentialSchema"))) {
      if (!isUrl(s.get("id"))) {
        v.add(fail("credentialSchema", "each credentialSchema must have an id URL"));
      }
    }
    typed(vc, "evidence", v);
    typed(vc, "termsOfUse", v);
    typed(vc, "refreshService", v);
    languageValues(vc, "", v);
    relatedResources(vc, v);
    return v;
  }

  /** Validates a presentation's own properties (its credentials are verified separately). */
  public static List<Check> validatePresentation(JsonNode vp) {
    List<Check> v = new ArrayList<>();
    if (!vp.isObject()) {
      v.add(fail("presentation", "a presentation must be a JSON object"));
      return v;
    }
    context(vp, v);
    types(vp, "VerifiablePresentation", v);
    optionalUrl(vp, "id", "id", v);
    JsonNode holder = vp.get("holder");
    if (holder != null && !(isUrl(holder) || holder.isObject() && isUrl(holder.get("id")))) {
      v.add(fail("holder", "holder must be a URL or an object with an id URL"));
    }
    for (JsonNode c : each(vp.get("verifiableCredential"))) {
      if (!c.isObject()) {
        v.add(fail("verifiableCredential", "each verifiableCredential must be an object"));
      }
    }
    return v;
  }

  private static void context(JsonNode o, List<Check> v) {
    JsonNode ctx = o.get("@context");
    JsonNode first = ctx == null ? null : ctx.isArray() ? ctx.get(0) : ctx;
    if (first == null || !first.isTextual() || !CONTEXT_V2.equals(first.textValue())) {
      v.add(fail("@context", "the first @context must be " + CONTEXT_V2 + ", found " + first));
      return;
    }
    for (JsonNode c : each(ctx)) {
      if (!(c.isObject() || isUrl(c))) {
        v.add(fail("@context", "each @context entry must be a URL or an object, found " + c));
      }
    }
  }

  private static void types(JsonNode o, String required, List<Check> v) {
    JsonNode t = o.get("type");
    boolean has = false;
    for (JsonNode e : each(t)) {
      if (!e.isTextual() || e.textValue().isEmpty()) {
        v.add(fail("type", "type values must be non-empty strings"));
        return;
      }
      has |= required.equals(e.textValue());
    }
    if (!has) {
      v.add(fail("type", "type must include " + required + ", found " + t));
    }
  }

  private static void validity(JsonNode vc, List<Check> v) {
    OffsetDateTime from = dateTime(vc, "validFrom", v);
    OffsetDateTime until = dateTime(vc, "validUntil", v);
    if (from != null && until != null && until.isBefore(from)) {
      v.add(fail("validUntil", "validUntil " + until + " is before validFrom " + from));
    }
  }

  /** Parses an XML Schema dateTimeStamp property; null when absent or invalid (recording a violation). */
  public static OffsetDateTime dateTime(JsonNode o, String name, List<Check> v) {
    JsonNode n = o.get(name);
    if (n == null) {
      return null;
    }
    OffsetDateTime t = n.isTextual() ? parseDateTimeStamp(n.textValue()) : null;
    if (t == null) {
      v.add(fail(name, name + " must be an XML Schema dateTimeStamp (e.g. 2026-01-01T00:00:00Z), found " + n));
    }
    return t;
  }

  /**
   * Parses {@code -?YYYY-MM-DDThh:mm:ss(.s+)?(Z|(+|-)hh:mm)}, XML Schema's dateTimeStamp (a dateTime with a mandatory
   * time zone); null if {@code s} is not one or names no real instant (a 30 February, hour 24, second 60).
   *
   * <p>Written out rather than through {@code OffsetDateTime.parse}: a verifier reads two of these per credential,
   * and java.time's general parser costs more than the rest of a vc+jwt's checks together. Fractions finer than a
   * nanosecond are truncated.
   */
  static OffsetDateTime parseDateTimeStamp(String s) {
    int n = s.length();
    int i = s.startsWith("-") ? 1 : 0;
    int yearStart = i;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
    }
    int yearDigits = i - yearStart;
    // Four digits, or more without a leading zero; java.time stops at nine.
    if (yearDigits < 4 || yearDigits > 9 || yearDigits > 4 && s.charAt(yearStart) == '0') {
      return null;
    }
    int year = Integer.parseInt(s, yearStart, i, 10) * (yearStart == 1 ? -1 : 1);
    if (yearStart == 1 && year == 0 || !fixed(s, i, "-dd-ddTdd:dd:dd")) {
      return null;
    }
    int month = twoDigits(s, i + 1);
    int day = twoDigits(s, i + 4);
    int hour = twoDigits(s, i + 7);
    int minute = twoDigits(s, i + 10);
    int second = twoDigits(s, i + 13);
    i += 15;
    int nanos = 0;
    if (i < n && s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && isDigit(s.charAt(i))) {
        if (i - start < 9) {
          nanos = nanos * 10 + (s.charAt(i) - '0');
        }
        i++;
      }
      if (i == start) {
        return null;
      }
      for (int d = i - start; d < 9; d++) {
        nanos *= 10;
      }
    }
    ZoneOffset offset;
    if (i == n - 1 && s.charAt(i) == 'Z') {
      offset = ZoneOffset.UTC;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && fixed(s, i + 1, "dd:dd")) {
      int hh = twoDigits(s, i + 1);
      int mm = twoDigits(s, i + 4);
      if (hh > 14 || mm > 59 || hh == 14 && mm != 0) {
        return null; // XML Schema limits offsets to ±14:00
      }
      int seconds = (hh * 3600 + mm * 60) * (s.charAt(i) == '-' ? -1 : 1);
      offset = ZoneOffset.ofTotalSeconds(seconds);
    } else {
      return null;
    }
    try {
      return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Whether {@code s} has, from {@code at}, the {@code pattern}'s characters where {@code d} stands for a digit. */
  private static boolean fixed(String s, int at, String pattern) {
    if (s.length() < at + pattern.length()) {
      return false;
    }
    for (int k = 0; k < pattern.length(); k++) {
      char p = pattern.charAt(k);
      char c = s.charAt(at + k);
      if (p == 'd' ? !isDigit(c) : c != p) {
        return false;
      }
    }
    return true;
  }

  private static int twoDigits(String s, int at) {
    return (s.charAt(at) - '0') * 10 + (s.charAt(at + 1) - '0');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static void typed(JsonNode o, String name, List<Check> v) {
    JsonNode n = o.get(name);
    if (n == null) {
      return;
    }
    if (n.isArray() && n.isEmpty()) {
      v.add(fail(name, name + " must not be an empty array"));
    }
    for (JsonNode e : each(n)) {
      if (!e.isObject()) {
        v.add(fail(name, "each " + name + " must be an object"));
        continue;
      }
      JsonNode t = e.get("type");
      boolean ok = t != null && (t.isTextual() || t.isArray() && !t.isEmpty());
      if (!ok) {
        v.add(fail(name, "each " + name + " must have a type"));
      }
      if (e.has("id") && !isUrl(e.get("id"))) {
        v.add(fail(name, name + ".id must be a URL"));
      }
    }
  }

  private static void languageValues(JsonNode o, String prefix, List<Check> v) {
    for (String name : List.of("name", "description")) {
      JsonNode n = o.get(name);
      if (n == null) {
        continue;
      }
      if (n.isArray() && n.isEmpty()) {
        v.add(fail(prefix + name, prefix + name + " must not be an empty array"));
      }
      for (JsonNode e : each(n)) {
        if (e.isTextual()) {
          continue;
        }
        if (!e.isObject() || !e.path("@value").isTextual()) {
          v.add(fail(prefix + name, prefix + name + " must be a string or a language value object with @value"));
          continue;
        }
        JsonNode lang = e.get("@language");
        if (lang != null && !(lang.isTextual() && LANGUAGE.matcher(lang.textValue()).matches())) {
          v.add(fail(prefix + name, prefix + name + ".@language must be a BCP 47 tag, found " + lang));
        }
        JsonNode dir = e.get("@direction");
        if (dir != null && !("ltr".equals(dir.asText()) || "rtl".equals(dir.asText()))) {
          v.add(fail(prefix + name, prefix + name + ".@direction must be ltr or rtl, found " + dir));
        }
        e.fieldNames().forEachRemaining(f -> {
          if (!f.equals("@value") && !f.equals("@language") && !f.equals("@direction")) {
            v.add(fail(prefix + name, prefix + name + " language value has unexpected member " + f));
          }
        });
      }
    }
  }

  private static void relatedResources(JsonNode vc, List<Check> v) {
    JsonNode rr = vc.get("relatedResource");
    if (rr == null) {
      return;
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode r : each(rr)) {
      if (!r.isObject() || !isUrl(r.get("id"))) {
        v.add(fail("relatedResource", "each relatedResource must have an id URL"));
        continue;
      }
      if (ids.contains(r.get("id").asText())) {
        v.add(fail("relatedResource", "relatedResource id " + r.get("id").asText() + " appears twice"));
      }
      ids.add(r.get("id").asText());
      JsonNode sri = r.get("digestSRI");
      JsonNode mb = r.get("digestMultibase");
      if (sri == null && mb == null) {
        v.add(fail("relatedResource", "relatedResource " + r.get("id").asText()
            + " needs digestSRI or digestMultibase"));
      }
      if (sri != null && !(sri.isTextual() && SRI.matcher(sri.textValue()).matches())) {
        v.add(fail("relatedResource", "digestSRI must be sha256-/sha384-/sha512- followed by base64"));
      }
      if (mb != null && !(mb.isTextual() && mb.textValue().length() > 1
          && (mb.textValue().charAt(0) == 'u' || mb.textValue().charAt(0) == 'z'))) {
        v.add(fail("relatedResource", "digestMultibase must be multibase (u or z prefix)"));
      }
    }
  }

  private static void optionalUrl(JsonNode o, String name, String rule, List<Check> v) {
    if (o.has(name) && !isUrl(o.get(name))) {
      v.add(fail(rule, name + " must be a URL, found " + o.get(name)));
    }
  }

  /**
   * Whether {@code n} is a string holding an absolute URI (URL, URN or DID): an RFC 3986 scheme, a colon, and only
   * URI (or IRI) characters after it, percent signs followed by two hex digits.
   */
  public static boolean isUrl(JsonNode n) {
    if (n == null || !n.isTextual()) {
      return false;
    }
    String s = n.textValue();
    int colon = s.indexOf(':');
    if (colon < 1 || colon == s.length() - 1 || !isAlpha(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < colon; i++) {
      char c = s.charAt(i);
      if (!(isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.')) {
        return false;
      }
    }
    for (int i = colon + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
          return false;
        }
        i += 2;
      } else if (c >= 128 ? Character.isSpaceChar(c) || Character.isISOControl(c) : !URI_CHAR[c]) {
        return false; // non-ASCII letters pass, as in IRIs and java.net.URI
      }
    }
    return true;
  }

  // RFC 3986 unreserved and reserved characters: the ASCII allowed in a URI besides percent-encodings.
  private static final boolean[] URI_CHAR = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      URI_CHAR[c] = isAlpha(c) || isDigit(c) || "-._~:/?#[]@!$&'()*+,;=".indexOf(c) >= 0;
    }
  }

  private static boolean isAlpha(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  private static Iterable<JsonNode> each(JsonNode n) {
    if (n == null) {
      return List.of();
    }
    return n.isArray() ? n : List.of(n);
  }

  private static Check fail(String rule, String detail) {
    return Check.failed(CheckCode.DATA_MODEL, rule + ": " + detail);
  }
}
