package io.zhixin.conformance.sdjwt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.nimbusds.jose.jwk.JWK;
import io.zhixin.credentials.sdjwt.SdArray;
import io.zhixin.credentials.sdjwt.SdObject;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/** Reads the sd-jwt-python test cases from {@code zhixin.vectors.dir}, never from a copy in the repository. */
final class SdJwtVectors {

  static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private SdJwtVectors() {}

  /** The testcases folder; fails under CI when missing, otherwise skips the test. */
  static Path testcases() {
    String dir = System.getProperty("zhixin.vectors.dir");
    Path p = dir == null ? null : Path.of(dir, "sd-jwt", "testcases");
    boolean present = p != null && Files.isDirectory(p);
    if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("SD-JWT vectors not found at " + p + " (system property zhixin.vectors.dir)");
    }
    assumeTrue(present, "SD-JWT vectors not found (set zhixin.vectors.dir)");
    return p;
  }

  static List<Path> cases() {
    Path root = testcases();
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(d -> Files.isRegularFile(d.resolve("specification.yml"))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode yaml(Path p) {
    try {
      return YAML.readTree(p.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path p) {
    try {
      return Files.readString(p).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The key settings, with a case's settings_override applied. */
  static JsonNode keySettings(Path caseDir) {
    JsonNode settings = yaml(caseDir.getParent().resolve("settings.yml"));
    JsonNode override = yaml(caseDir.resolve("specification.yml")).path("settings_override");
    JsonNode keys = settings.get("key_settings").deepCopy();
    JsonNode o = override.has("key_settings") ? override.get("key_settings") : override;
    if (o.has("issuer_keys")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) keys).set("issuer_keys", o.get("issuer_keys"));
    }
    if (o.has("holder_key")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) keys).set("holder_key", o.get("holder_key"));
    }
    return keys;
  }

  static JWK jwk(JsonNode node) {
    try {
      return JWK.parse(JSON.writeValueAsString(node));
    } catch (Exception e) {
      throw new IllegalStateException("bad JWK in settings", e);
    }
  }

  /**
   * The {@code user_claims} of a specification, with {@code !sd} tags turned into disclosable entries. Uses
   * SnakeYAML's node graph (which Jackson's YAML module is built on) because the tags sit on keys and values.
   */
  static SdObject userClaims(Path specification) {
    try (Reader r = Files.newBufferedReader(specification)) {
      MappingNode doc = (MappingNode) new Yaml().compose(r);
      for (NodeTuple t : doc.getValue()) {
        if (((ScalarNode) t.getKeyNode()).getValue().equals("user_claims")) {
          return (SdObject) read(t.getValueNode());
        }
      }
      throw new IllegalStateException("no user_claims in " + specification);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean sd(Node n) {
    return n.getTag().getValue().equals("!sd");
  }

  private static Object read(Node n) {
    if (n instanceof MappingNode m) {
      SdObject.Builder b = SdObject.builder();
      for (NodeTuple t : m.getValue()) {
        String name = ((ScalarNode) t.getKeyNode()).getValue();
        Object v = read(t.getValueNode());
        if (sd(t.getKeyNode()) || sd(t.getValueNode())) {
          b.disclosable(name, v);
        } else {
          b.plain(name, v);
        }
      }
      return b.build();
    }
    if (n instanceof SequenceNode seq) {
      SdArray.Builder b = SdArray.builder();
      for (Node e : seq.getValue()) {
        if (sd(e)) {
          b.disclosable(read(e));
        } else {
          b.plain(read(e));
        }
      }
      return b.build();
    }
    ScalarNode sc = (ScalarNode) n;
    String v = sc.getValue();
    // An explicit tag (!sd) hides the implicit type, so resolve plain scalars as YAML would have.
    Tag tag = sc.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN ? RESOLVER.resolve(NodeId.scalar, v, true)
        : Tag.STR;
    if (tag.equals(Tag.NULL)) {
      return null;
    }
    if (tag.equals(Tag.BOOL)) {
      return Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT));
    }
    if (tag.equals(Tag.INT)) {
      return new java.math.BigInteger(v);
    }
    if (tag.equals(Tag.FLOAT)) {
      return new java.math.BigDecimal(v);
    }
    return v;
  }

  private static final Resolver RESOLVER = new Resolver();

  /** Turns {@code holder_disclosed_claims} (true/false/null leaves in the claims' shape) into claim paths. */
  static List<String> disclosedPaths(JsonNode holderDisclosed) {
    List<String> out = new ArrayList<>();
    collect(holderDisclosed, "", out);
    return out;
  }

  private static void collect(JsonNode n, String path, List<String> out) {
    if (n.isBoolean()) {
      if (n.booleanValue()) {
        out.add(path);
      }
    } else if (n.isObject()) {
      n.fields().forEachRemaining(e -> collect(e.getValue(), join(path, e.getKey()), out));
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        collect(n.get(i), join(path, Integer.toString(i)), out);
      }
    }
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : a + "/" + b;
  }
}
