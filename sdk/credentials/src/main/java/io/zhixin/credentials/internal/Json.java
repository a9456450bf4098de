package io.zhixin.credentials.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
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
      // Characters outside the BMP (emoji, rare CJK) as UTF-8 like every other character, not as escaped surrogates.
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();

  private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
      .maxNestingDepth(MAX_DEPTH)
      .maxStringLength(MAX_INPUT)
      .maxNumberLength(100)
      .build();

  // What parse() reads untrusted input with. It finds duplicate names itself, as it builds each object, which
  // costs nothing; the parser's own detection keeps a set per object and makes parsing a fifth slower.
  private static final JsonFactory READER = JsonFactory.builder()
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .streamReadConstraints(LIMITS)
      .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  static {
    MAPPER.getFactory().setStreamReadConstraints(LIMITS);
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
    return parse(json, 0, json.length);
  }

  /** Parses {@code length} bytes of {@code json} from {@code offset}. */
  public static JsonNode parse(byte[] json, int offset, int length) throws JsonException {
    // The tree is built from the token stream here: the mapper's readTree sets up a deserialization context per
    // call, and its duplicate detection is the costly kind (see READER). Same nodes, same strictness.
    try (JsonParser p = READER.createParser(json, offset, length)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new JsonException("empty JSON", false);
      }
      JsonNode n = read(p, first);
      if (p.nextToken() != null) {
        throw new JsonException("not valid JSON: trailing content after the value", false);
      }
      return n;
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      throw new JsonException("JSON exceeds a limit (nesting deeper than " + MAX_DEPTH + " or too long)", true);
    } catch (IOException e) {
      String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new JsonException("not valid JSON: " + firstLine(m), false);
    }
  }

  private static JsonNode read(JsonParser p, JsonToken token) throws IOException, JsonException {
    switch (token) {
      case START_OBJECT -> {
        ObjectNode o = NODES.objectNode();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
          // Duplicate member names make an object ambiguous between implementations: refuse them.
          if (o.replace(name, read(p, p.nextToken())) != null) {
            throw new JsonException("not valid JSON: duplicate member name \"" + name + "\"", false);
          }
        }
        return o;
      }
      case START_ARRAY -> {
        ArrayNode a = NODES.arrayNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          a.add(read(p, t));
        }
        return a;
      }
      case VALUE_STRING -> {
        return TextNode.valueOf(p.getText());
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT -> IntNode.valueOf(p.getIntValue());
          case LONG -> LongNode.valueOf(p.getLongValue());
          default -> NODES.numberNode(p.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return NODES.numberNode(p.getDecimalValue()); // exact: a credential's 0.1 stays 0.1
      }
      case VALUE_TRUE -> {
        return BooleanNode.TRUE;
      }
      case VALUE_FALSE -> {
        return BooleanNode.FALSE;
      }
      case VALUE_NULL -> {
        return NullNode.getInstance();
      }
      default -> throw new JsonException("not valid JSON: unexpected " + token, false);
    }
  }

  public static JsonNode parse(String json) throws JsonException {
    return parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public static ObjectNode parseObject(byte[] json) throws JsonException {
    return parseObject(json, 0, json.length);
  }

  /** Parses {@code length} bytes of {@code json} from {@code offset}, which must hold a JSON object. */
  public static ObjectNode parseObject(byte[] json, int offset, int length) throws JsonException {
    JsonNode n = parse(json, offset, length);
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

  /** Compact UTF-8 JSON of {@code node}. */
  public static byte[] writeBytes(JsonNode node) {
    // Walked here rather than by ObjectMapper, which sets up a serializer provider per call: that set-up costs
    // more than writing a credential.
    try (ByteArrayBuilder out = new ByteArrayBuilder(512)) {
      try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
        write(g, node);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise JSON", e);
    }
  }

  private static void write(JsonGenerator g, JsonNode n) throws IOException {
    switch (n.getNodeType()) {
      case OBJECT -> {
        g.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          g.writeFieldName(e.getKey());
          write(g, e.getValue());
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray();
        for (JsonNode e : n) {
          write(g, e);
        }
        g.writeEndArray();
      }
      case STRING -> g.writeString(n.textValue());
      case BOOLEAN -> g.writeBoolean(n.booleanValue());
      case NULL -> g.writeNull();
      case NUMBER -> {
        switch (n.numberType()) {
          case INT, LONG -> g.writeNumber(n.longValue());
          case BIG_INTEGER -> g.writeNumber(n.bigIntegerValue());
          case BIG_DECIMAL -> g.writeNumber(n.decimalValue());
          case FLOAT -> g.writeNumber(n.floatValue());
          default -> g.writeNumber(n.doubleValue());
        }
      }
      default -> MAPPER.writeTree(g, n); // binary and POJO nodes, which parsed JSON never holds
    }
  }

  public static String write(JsonNode node) {
    return new String(writeBytes(node), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Converts a caller's value (String, Number, Boolean, null, Map, List, JsonNode) to a JSON node. */
  public static JsonNode toNode(Object value) {
    // The common shapes are converted directly: valueToTree goes through a token buffer and costs microseconds.
    if (value == null) {
      return NullNode.getInstance();
    }
    if (value instanceof JsonNode n) {
      return n.deepCopy();
    }
    if (value instanceof String s) {
      return TextNode.valueOf(s);
    }
    if (value instanceof Boolean b) {
      return BooleanNode.valueOf(b);
    }
    if (value instanceof Integer i) {
      return IntNode.valueOf(i);
    }
    if (value instanceof Long l) {
      return LongNode.valueOf(l);
    }
    if (value instanceof Map<?, ?> m && allStrings(m.keySet())) {
      ObjectNode o = object();
      m.forEach((k, v) -> o.set((String) k, toNode(v)));
      return o;
    }
    if (value instanceof List<?> l) {
      ArrayNode a = array();
      l.forEach(v -> a.add(toNode(v)));
      return a;
    }
    try {
      return MAPPER.valueToTree(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("value is not JSON-compatible: " + value.getClass().getName(), e);
    }
  }

  static boolean allStrings(Iterable<?> keys) {
    for (Object k : keys) {
      if (!(k instanceof String)) {
        return false;
      }
    }
    return true;
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
