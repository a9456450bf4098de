package io.zhixin.credit.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A versioned credit scoring model, read from a JSON file and validated field by field.
 *
 * <p>The model's id is SHA-256 of the file's RFC 8785 canonical form ({@link CanonicalJson}): formatting,
 * member order and the file name do not change it, any change of content does. That id is what the credit
 * bureau registers on chain ({@code CreditScoreRegistry.registerModel}) and what every score names.
 *
 * <pre>{@code
 * ScoringModel person = ScoringModel.builtIn("person-v1");
 * String id = person.idHex(); // 0x… registered on chain
 * }</pre>
 *
 * <p>Immutable and thread-safe. The file format is described in {@code docs/credit.md}.
 */
public final class ScoringModel {
    /** The value of the {@code format} member this class reads. */
    public static final String FORMAT = "zhixin-credit-model/1";
    /** The lowest composite score. */
    public static final int COMPOSITE_MIN = 350;
    /** The highest composite score. */
    public static final int COMPOSITE_MAX = 950;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{2,39}");
    private static final Pattern BYTES32 = Pattern.compile("0x[0-9a-f]{64}");

    private final String name;
    private final int version;
    private final String subjectKind;
    private final String description;
    private final List<Dimension> dimensions;
    private final List<SchemaRule> schemas;
    private final List<Band> bands;
    private final MinimumEvidence minimumEvidence;
    private final int reasonsUp;
    private final int reasonsDown;
    private final byte[] canonical;
    private final byte[] id;
    private final Map<String, Integer> schemaIndex;

    private ScoringModel(Builder b) {
        this.name = b.name;
        this.version = b.version;
        this.subjectKind = b.subjectKind;
        this.description = b.description;
        this.dimensions = List.copyOf(b.dimensions);
        this.schemas = List.copyOf(b.schemas);
        this.bands = List.copyOf(b.bands);
        this.minimumEvidence = b.minimumEvidence;
        this.reasonsUp = b.reasonsUp;
        this.reasonsDown = b.reasonsDown;
        this.canonical = b.canonical;
        this.id = sha256(b.canonical);
        Map<String, Integer> ix = new HashMap<>();
        for (int i = 0; i < schemas.size(); i++) {
            ix.put(schemas.get(i).id(), i);
        }
        this.schemaIndex = Map.copyOf(ix);
    }

    /**
     * Reads and validates a model from JSON bytes.
     *
     * @throws InvalidModelException naming the offending field when the document is not a valid model.
     */
    public static ScoringModel parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidModelException("/", "not well-formed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidModelException("/", "an empty document");
        }
        return new ScoringModel(Builder.from(root));
    }

    /**
     * Reads and validates a model file.
     *
     * @throws InvalidModelException naming the offending field when the file is not a valid model.
     * @throws UncheckedIOException when the file cannot be read.
     */
    public static ScoringModel load(Path file) {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read credit model " + file, e);
        }
    }

    /**
     * Returns a model shipped in this jar: {@code person-v1} or {@code entity-v1}.
     *
     * @throws IllegalArgumentException if there is no such model.
     */
    public static ScoringModel builtIn(String name) {
        if (!NAME.matcher(name.replace("-", "_")).matches()) {
            throw new IllegalArgumentException("not a built-in model name: " + name);
        }
        try (InputStream in = ScoringModel.class.getResourceAsStream("/models/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no built-in credit model " + name + "; there are person-v1 and entity-v1");
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model's name, for example {@code person}. */
    public String name() {
        return name;
    }

    /** The model's version number; a new version is a new file with a new id. */
    public int version() {
        return version;
    }

    /** {@code person} or {@code entity}. */
    public String subjectKind() {
        return subjectKind;
    }

    /** What the model is for. */
    public String description() {
        return description;
    }

    /** The dimensions, in the order scores list them. */
    public List<Dimension> dimensions() {
        return dimensions;
    }

    /** The schema rules, in file order; a rule's position is its index in scores and reason lists. */
    public List<SchemaRule> schemas() {
        return schemas;
    }

    /** The bands, ascending, covering 350..950 without gaps or overlaps. */
    public List<Band> bands() {
        return bands;
    }

    /** The evidence a subject needs for a score. */
    public MinimumEvidence minimumEvidence() {
        return minimumEvidence;
    }

    /** How many reason codes for the strongest factors up a score lists at most. */
    public int reasonsUp() {
        return reasonsUp;
    }

    /** How many reason codes for the strongest factors down a score lists at most. */
    public int reasonsDown() {
        return reasonsDown;
    }

    /** The position of the rule for {@code schemaId} (0x-prefixed lower-case hex), or -1 if the model has none. */
    public int schemaIndexOf(String schemaId) {
        Integer i = schemaIndex.get(schemaId);
        return i == null ? -1 : i;
    }

    /** The index of the band that holds {@code composite}. */
    public int bandIndexOf(int composite) {
        for (int i = 0; i < bands.size(); i++) {
            if (bands.get(i).contains(composite)) {
                return i;
            }
        }
        throw new IllegalArgumentException("composite " + composite + " is outside 350..950");
    }

    /** The model id: SHA-256 of the canonical form, 32 bytes (a copy). */
    public byte[] id() {
        return id.clone();
    }

    /** The model id as {@code 0x} and 64 lower-case hex digits, as registered on chain. */
    public String idHex() {
        return "0x" + HexFormat.of().formatHex(id);
    }

    /** The RFC 8785 canonical form that the id hashes (a copy). */
    public byte[] canonicalForm() {
        return canonical.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoringModel m && Arrays.equals(id, m.id);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(id);
    }

    @Override
    public String toString() {
        return "ScoringModel[" + name + " v" + version + ", " + idHex() + "]";
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Reads a model document field by field; every failure names its JSON pointer. */
    private static final class Builder {
        String name;
        int version;
        String subjectKind;
        String description;
        final List<Dimension> dimensions = new ArrayList<>();
        final List<SchemaRule> schemas = new ArrayList<>();
        final List<Band> bands = new ArrayList<>();
        MinimumEvidence minimumEvidence;
        int reasonsUp;
        int reasonsDown;
        byte[] canonical;

        static Builder from(JsonNode root) {
            Builder b = new Builder();
            b.canonical = CanonicalJson.canonicalize(root); // refuses fractions first, naming the field
            object(root, "");
            allowOnly(root, "", "format", "name", "version", "subjectKind", "description", "dimensions", "schemas",
                    "bands", "minimumEvidence", "reasons");
            String format = text(root, "", "format");
            if (!FORMAT.equals(format)) {
                throw new InvalidModelException("/format", "expected \"" + FORMAT + "\", found \"" + format + "\"");
            }
            b.name = name(root, "", "name");
            b.version = (int) integer(root, "", "version", 1, 1_000_000);
            b.subjectKind = text(root, "", "subjectKind");
            if (!b.subjectKind.equals("person") && !b.subjectKind.equals("entity")) {
                throw new InvalidModelException("/subjectKind",
                        "expected \"person\" or \"entity\", found \"" + b.subjectKind + "\"");
            }
            b.description = text(root, "", "description");
            b.readDimensions(array(root, "", "dimensions", 1, 16));
            b.readSchemas(array(root, "", "schemas", 1, 255));
            b.readBands(array(root, "", "bands", 1, 16));
            JsonNode ev = member(root, "", "minimumEvidence");
            object(ev, "/minimumEvidence");
            allowOnly(ev, "/minimumEvidence", "attestations", "dimensions");
            b.minimumEvidence = new MinimumEvidence(
                    (int) integer(ev, "/minimumEvidence", "attestations", 1, 1_000_000),
                    (int) integer(ev, "/minimumEvidence", "dimensions", 1, b.dimensions.size()));
            JsonNode reasons = member(root, "", "reasons");
            object(reasons, "/reasons");
            allowOnly(reasons, "/reasons", "up", "down");
            b.reasonsUp = (int) integer(reasons, "/reasons", "up", 0, 10);
            b.reasonsDown = (int) integer(reasons, "/reasons", "down", 0, 10);
            return b;
        }

        private void readDimensions(JsonNode arr) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < arr.size(); i++) {
                String p = "/dimensions/" + i;
                JsonNode d = arr.get(i);
                object(d, p);
                allowOnly(d, p, "id", "weight", "base", "description");
                String id = name(d, p, "id");
                if (!seen.add(id)) {
                    throw new InvalidModelException(p + "/id", "a duplicate dimension id \"" + id + "\"");
                }
                dimensions.add(new Dimension(id, (int) integer(d, p, "weight", 1, 1000),
                        (int) integer(d, p, "base", 0, 100), text(d, p, "description")));
            }
        }

        private void readSchemas(JsonNode arr) {
            Set<String> ids = new HashSet<>();
            Set<String> codes = new HashSet<>();
            for (int i = 0; i < arr.size(); i++) {
                String p = "/schemas/" + i;
                JsonNode s = arr.get(i);
                object(s, p);
                allowOnly(s, p, "id", "name", "code", "dimension", "direction", "weightMilli", "valueMin", "valueMax",
                        "halfLifeDays", "capMilli", "description");
                String id = text(s, p, "id");
                if (!BYTES32.matcher(id).matches()) {
                    throw new InvalidModelException(p + "/id",
                            "expected 0x and 64 lower-case hex digits (a bytes32 schema id), found \"" + id + "\"");
                }
                if (!ids.add(id)) {
                    throw new InvalidModelException(p + "/id", "a duplicate schema id " + id);
                }
                String schemaName = text(s, p, "name");
                if (schemaName.isEmpty()) {
                    throw new InvalidModelException(p + "/name", "expected the schema URI, found an empty string");
                }
                String code = text(s, p, "code");
                if (!CODE.matcher(code).matches()) {
                    throw new InvalidModelException(p + "/code",
                            "expected an upper-case reason code matching [A-Z][A-Z0-9_]{2,39}, found \"" + code + "\"");
                }
                if (!codes.add(code)) {
                    throw new InvalidModelException(p + "/code", "a duplicate reason code " + code);
                }
                String dim = text(s, p, "dimension");
                int dimIndex = -1;
                for (int d = 0; d < dimensions.size(); d++) {
                    if (dimensions.get(d).id().equals(dim)) {
                        dimIndex = d;
                    }
                }
                if (dimIndex < 0) {
                    throw new InvalidModelException(p + "/dimension",
                            "expected one of the model's dimensions " + dimensions.stream().map(Dimension::id).toList()
                                    + ", found \"" + dim + "\"");
                }
                Direction direction = Direction.parse(text(s, p, "direction"), p + "/direction");
                int weight = (int) integer(s, p, "weightMilli", 1, 100_000);
                int vmin = (int) integer(s, p, "valueMin", 0, Short.MAX_VALUE);
                int vmax = (int) integer(s, p, "valueMax", vmin, Short.MAX_VALUE);
                int halfLife = (int) integer(s, p, "halfLifeDays", 0, 36_500);
                long cap = integer(s, p, "capMilli", 1, 100_000);
                schemas.add(new SchemaRule(id, schemaName, code, dim, dimIndex, direction, weight, vmin, vmax, halfLife,
                        cap, text(s, p, "description")));
            }
        }

        private void readBands(JsonNode arr) {
            Set<String> names = new HashSet<>();
            int expectedMin = COMPOSITE_MIN;
            for (int i = 0; i < arr.size(); i++) {
                String p = "/bands/" + i;
                JsonNode band = arr.get(i);
                object(band, p);
                allowOnly(band, p, "name", "min", "max");
                String n = name(band, p, "name");
                if (!names.add(n)) {
                    throw new InvalidModelException(p + "/name", "a duplicate band name \"" + n + "\"");
                }
                int min = (int) integer(band, p, "min", COMPOSITE_MIN, COMPOSITE_MAX);
                if (min != expectedMin) {
                    throw new InvalidModelException(p + "/min", "expected " + expectedMin
                            + " (bands ascend from 350 without gaps or overlaps), found " + min);
                }
                int max = (int) integer(band, p, "max", min, COMPOSITE_MAX);
                bands.add(new Band(n, min, max));
                expectedMin = max + 1;
            }
            if (expectedMin != COMPOSITE_MAX + 1) {
                throw new InvalidModelException("/bands/" + (arr.size() - 1) + "/max",
                        "expected the last band to end at 950, found " + (expectedMin - 1));
            }
        }

        private static JsonNode member(JsonNode obj, String p, String field) {
            JsonNode v = obj.get(field);
            if (v == null) {
                throw new InvalidModelException(p + "/" + field, "a required member is missing");
            }
            return v;
        }

        private static void object(JsonNode v, String p) {
            if (!v.isObject()) {
                throw new InvalidModelException(p.isEmpty() ? "/" : p, "expected an object, found " + kind(v));
            }
        }

        private static void allowOnly(JsonNode obj, String p, String... allowed) {
            Set<String> ok = Set.of(allowed);
            for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!ok.contains(f)) {
                    throw new InvalidModelException(p + "/" + CanonicalJson.escapePointer(f),
                            "an unknown member; expected only " + Arrays.toString(allowed));
                }
            }
        }

        private static String text(JsonNode obj, String p, String field) {
            JsonNode v = member(obj, p, field);
            if (!v.isTextual()) {
                throw new InvalidModelException(p + "/" + field, "expected a string, found " + kind(v));
            }
            return v.textValue();
        }

        private static String name(JsonNode obj, String p, String field) {
            String s = text(obj, p, field);
            if (!NAME.matcher(s).matches()) {
                throw new InvalidModelException(p + "/" + field,
                        "expected a lower snake case name matching [a-z][a-z0-9_]{0,31}, found \"" + s + "\"");
            }
            return s;
        }

        private static long integer(JsonNode obj, String p, String field, long min, long max) {
            JsonNode v = member(obj, p, field);
            if (!v.isIntegralNumber()) {
                throw new InvalidModelException(p + "/" + field, "expected an integer, found " + kind(v));
            }
            if (!v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
                throw new InvalidModelException(p + "/" + field,
                        "expected an integer in " + min + ".." + max + ", found " + v);
            }
            return v.longValue();
        }

        private static JsonNode array(JsonNode obj, String p, String field, int minSize, int maxSize) {
            JsonNode v = member(obj, p, field);
            if (!v.isArray()) {
                throw new InvalidModelException(p + "/" + field, "expected an array, found " + kind(v));
            }
            if (v.size() < minSize || v.size() > maxSize) {
                throw new InvalidModelException(p + "/" + field,
                        "expected " + minSize + ".." + maxSize + " entries, found " + v.size());
            }
            return v;
        }

        private static String kind(JsonNode v) {
            return switch (v.getNodeType()) {
                case NUMBER -> "the number " + v;
                case STRING -> "the string " + v;
                default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
            };
        }
    }
}
