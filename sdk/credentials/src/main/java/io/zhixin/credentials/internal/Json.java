package io.zhixin.credentials.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one JSON configuration used for untrusted input: strict, with nesting and size limits. */
public final class Json {

  /** Deepest JSON nesting accepted from untrusted input. */
  public static final int MAX_DEPTH = 32;
  /** Largest input accepted, in characters. */
  public static final int MAX_INPUT = 1024 * 1024;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      // Duplicate member names make a JSON object ambiguous between implementations: refuse them.
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(MAX_DEPTH)
        .maxStringLength(MAX_INPUT)
        .maxNumberLength(100)
        .build());
  }

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Thrown for JSON that is malformed or exceeds a limit; {@link #tooLarge} tells which. */
  public static final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;
    public final boolean tooLarge;

    JsonException(String message, boolean tooLarge) {
      super(message);
      this.tooLarge = tooLarge;
    }
  }

  public static JsonNode parse(byte[] json) throws JsonException {
    try {
      JsonNode n = MAPPER.readTree(json);
      if (n == null || n.isMissingNode()) {
        throw new JsonException("empty JSON", false);
      }
      return n;
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      throw new JsonException("JSON exceeds a limit (nesting deeper than " + MAX_DEPTH + " or too long)", true);
    } catch (IOException e) {
      String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new JsonException("not valid JSON: " + firstLine(m), false);
    }
  }

  public static JsonNode parse(String json) throws JsonException {
    return parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public static ObjectNode parseObject(byte[] json) throws JsonException {
    JsonNode n = parse(json);
    if (!n.isObject()) {
      throw new JsonException("expected a JSON object, found " + n.getNodeType(), false);
    }
    return (ObjectNode) n;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  public static byte[] writeBytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise JSON", e);
    }
  }

  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise JSON", e);
    }
  }

  /** Converts a caller's value (String, Number, Boolean, null, Map, List, JsonNode) to a JSON node. */
  public static JsonNode toNode(Object value) {
    if (value instanceof JsonNode n) {
      return n.deepCopy();
    }
    try {
      return MAPPER.valueToTree(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("value is not JSON-compatible: " + value.getClass().getName(), e);
    }
  }

  /** A deep, unmodifiable Map/List/String/Number/Boolean/null view built once from {@code node}. */
  public static Map<String, Object> toImmutableMap(ObjectNode node) {
    return (Map<String, Object>) toImmutable(node);
  }

  private static Object toImmutable(JsonNode n) {
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        m.put(e.getKey(), toImmutable(e.getValue()));
      }
      return Collections.unmodifiableMap(m);
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>(n.size());
      for (JsonNode e : n) {
        l.add(toImmutable(e));
      }
      return Collections.unmodifiableList(l);
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isIntegralNumber()) {
      return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
    }
    if (n.isNumber()) {
      return n.decimalValue();
    }
    return null;
  }

  /** Navigates a slash-separated path through maps and lists; null when absent. */
  public static Object at(Map<String, Object> root, String path) {
    Object cur = root;
    for (String seg : path.split("/")) {
      if (seg.isEmpty()) {
        continue;
      }
      if (cur instanceof Map<?, ?> m) {
        cur = m.get(seg);
      } else if (cur instanceof List<?> l) {
        try {
          int i = Integer.parseInt(seg);
          cur = i >= 0 && i < l.size() ? l.get(i) : null;
        } catch (NumberFormatException e) {
          return null;
        }
      } else {
        return null;
      }
      if (cur == null) {
        return null;
      }
    }
    return cur;
  }

  /** Node at a slash-separated path, or null. */
  public static JsonNode at(JsonNode root, String path) {
    JsonNode cur = root;
    for (String seg : path.split("/")) {
      if (seg.isEmpty()) {
        continue;
      }
      if (cur.isObject()) {
        cur = cur.get(seg);
      } else if (cur.isArray()) {
        try {
          cur = cur.get(Integer.parseInt(seg));
        } catch (NumberFormatException e) {
          return null;
        }
      } else {
        return null;
      }
      if (cur == null) {
        return null;
      }
    }
    return cur;
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }
}
