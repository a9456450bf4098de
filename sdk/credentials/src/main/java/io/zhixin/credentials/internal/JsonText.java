package io.zhixin.credentials.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compact JSON written straight into a growable UTF-8 byte buffer, for text assembled from pieces (SD-JWT payloads
 * and disclosures) where a tree, a Jackson generator or a {@code StringBuilder} and its {@code String} copies would
 * cost more than the writing. Values are the caller's (see {@link Json#toNode(Object)}). Not thread-safe.
 *
 * <p>Strings are escaped as Jackson escapes them (short escapes, {@code \}{@code u00XX} for other control
 * characters, nothing else), so for well-formed text the bytes equal {@link Json#writeBytes(JsonNode)} of the same
 * value.
 */
public final class JsonText {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private byte[] buf;
  private int length;

  public JsonText(int capacity) {
    buf = new byte[capacity];
  }

  /** The bytes written so far: {@code array()[0, length())}. */
  public byte[] array() {
    return buf;
  }

  public int length() {
    return length;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, length);
  }

  /** Empties the buffer, keeping its capacity. */
  public JsonText clear() {
    length = 0;
    return this;
  }

  /** Appends one ASCII character, typically punctuation. */
  public JsonText raw(char c) {
    ensure(1);
    buf[length++] = (byte) c;
    return this;
  }

  /** Appends ASCII text that is already JSON (punctuation, numbers, base64url inside quotes the caller writes). */
  public JsonText raw(String ascii) {
    int n = ascii.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[length++] = (byte) ascii.charAt(i);
    }
    return this;
  }

  /** Appends ASCII bytes that are already JSON. */
  public JsonText raw(byte[] ascii) {
    ensure(ascii.length);
    System.arraycopy(ascii, 0, buf, length, ascii.length);
    length += ascii.length;
    return this;
  }

  /** Appends the ASCII bytes {@code ascii[from, to)}, already JSON. */
  public JsonText raw(byte[] ascii, int from, int to) {
    ensure(to - from);
    System.arraycopy(ascii, from, buf, length, to - from);
    length += to - from;
    return this;
  }

  /** Appends {@code s} as a quoted JSON string. */
  public JsonText string(String s) {
    // The JDK encodes to UTF-8 faster than a loop of charAt can, and UTF-8 bytes of non-ASCII characters are never
    // mistaken for a quote, a backslash or a control character.
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    for (byte b : utf8) {
      if (b >= 0 && b < 0x20 || b == '"' || b == '\\') {
        ensure(1);
        buf[length++] = '"';
        return stringTail(s, 0); // the rare string with escapes continues one character at a time
      }
    }
    ensure(utf8.length + 2);
    buf[length++] = '"';
    System.arraycopy(utf8, 0, buf, length, utf8.length);
    length += utf8.length;
    buf[length++] = '"';
    return this;
  }

  private JsonText stringTail(String s, int from) {
    int n = s.length();
    for (int i = from; i < n; i++) {
      char c = s.charAt(i);
      ensure(12);
      if (c < 0x80) {
        if (c < 0x20 || c == '"' || c == '\\') {
          escape(c);
        } else {
          buf[length++] = (byte) c;
        }
      } else if (c < 0x800) {
        buf[length++] = (byte) (0xC0 | c >> 6);
        buf[length++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        buf[length++] = (byte) (0xF0 | cp >> 18);
        buf[length++] = (byte) (0x80 | cp >> 12 & 0x3F);
        buf[length++] = (byte) (0x80 | cp >> 6 & 0x3F);
        buf[length++] = (byte) (0x80 | cp & 0x3F);
      } else if (Character.isSurrogate(c)) {
        buf[length++] = '?'; // a lone surrogate is not text; String.getBytes(UTF_8) writes '?' too
      } else {
        buf[length++] = (byte) (0xE0 | c >> 12);
        buf[length++] = (byte) (0x80 | c >> 6 & 0x3F);
        buf[length++] = (byte) (0x80 | c & 0x3F);
      }
    }
    ensure(1);
    buf[length++] = '"';
    return this;
  }

  private void escape(char c) {
    buf[length++] = '\\';
    switch (c) {
      case '"' -> buf[length++] = '"';
      case '\\' -> buf[length++] = '\\';
      case '\n' -> buf[length++] = 'n';
      case '\r' -> buf[length++] = 'r';
      case '\t' -> buf[length++] = 't';
      case '\b' -> buf[length++] = 'b';
      case '\f' -> buf[length++] = 'f';
      default -> {
        buf[length++] = 'u';
        buf[length++] = '0';
        buf[length++] = '0';
        buf[length++] = HEX[c >> 4];
        buf[length++] = HEX[c & 0xF];
      }
    }
  }

  /** Appends {@code "name":}. */
  public JsonText name(String name) {
    return string(name).raw(':');
  }

  /** Appends a caller's value: String, Boolean, Integer, Long, null, Map with String keys, List, or a JSON node. */
  public JsonText value(Object value) {
    if (value == null) {
      return raw("null");
    }
    if (value instanceof String s) {
      return string(s);
    }
    if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      return raw(value.toString());
    }
    if (value instanceof JsonNode n) {
      return node(n);
    }
    if (value instanceof Map<?, ?> m && Json.allStrings(m.keySet())) {
      raw('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        (first ? this : raw(',')).name((String) e.getKey()).value(e.getValue());
        first = false;
      }
      return raw('}');
    }
    if (value instanceof List<?> l) {
      raw('[');
      for (int i = 0; i < l.size(); i++) {
        (i == 0 ? this : raw(',')).value(l.get(i));
      }
      return raw(']');
    }
    return node(Json.toNode(value)); // other numbers and beans: Jackson decides their JSON
  }

  /** Appends a JSON node. */
  public JsonText node(JsonNode n) {
    switch (n.getNodeType()) {
      case OBJECT -> {
        raw('{');
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); first = false) {
          Map.Entry<String, JsonNode> e = it.next();
          (first ? this : raw(',')).name(e.getKey()).node(e.getValue());
        }
        return raw('}');
      }
      case ARRAY -> {
        raw('[');
        for (int i = 0; i < n.size(); i++) {
          (i == 0 ? this : raw(',')).node(n.get(i));
        }
        return raw(']');
      }
      case STRING -> {
        return string(n.textValue());
      }
      case BOOLEAN, NULL -> {
        return raw(n.asText());
      }
      default -> {
        // Integers print as themselves; other numbers take Jackson's formatting (NaN, exponents).
        return n.isIntegralNumber() ? raw(n.asText()) : raw(Json.writeBytes(n));
      }
    }
  }

  private void ensure(int more) {
    if (buf.length - length < more) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
    }
  }
}
