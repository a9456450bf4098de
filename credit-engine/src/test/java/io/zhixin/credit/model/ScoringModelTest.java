package io.zhixin.credit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.bouncycastle.jcajce.provider.digest.Keccak;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScoringModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode personJson() throws Exception {
        try (InputStream in = ScoringModelTest.class.getResourceAsStream("/models/person-v1.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    @Test
    void builtIn_person_hasTheFiveDimensionsInOrder() {
        ScoringModel m = ScoringModel.builtIn("person-v1");
        assertThat(m.dimensions()).extracting(Dimension::id)
                .containsExactly("identity", "compliance", "credit_history", "capacity", "social_contribution");
        assertThat(m.subjectKind()).isEqualTo("person");
        assertThat(m.bands()).extracting(Band::name).containsExactly("poor", "fair", "good", "very_good", "excellent");
    }

    @Test
    void builtIn_entity_hasTheFiveDimensionsInOrder() {
        ScoringModel m = ScoringModel.builtIn("entity-v1");
        assertThat(m.dimensions()).extracting(Dimension::id)
                .containsExactly("registration", "compliance", "finance", "operations", "reputation");
        assertThat(m.subjectKind()).isEqualTo("entity");
    }

    @Test
    void builtIn_ids_areTheGoldenValues() {
        // Changing a model file changes its id: publish it as a new version instead.
        assertThat(ScoringModel.builtIn("person-v1").idHex()).isEqualTo(PERSON_V1_ID);
        assertThat(ScoringModel.builtIn("entity-v1").idHex()).isEqualTo(ENTITY_V1_ID);
    }

    static final String PERSON_V1_ID = "0xc6a2883c1bf11458ba56dd7b9877734dfd7465c5ecdd1f9d85b44f612bce3a73";
    static final String ENTITY_V1_ID = "0x4b0d861ee97906da66e73af3d31be7a7cb1ad612e883319ac71b4c6fd8502945";

    @Test
    void id_isSha256OfTheCanonicalForm_andIgnoresFormattingAndMemberOrder() throws Exception {
        ScoringModel m = ScoringModel.builtIn("person-v1");
        assertThat(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(m.canonicalForm())))
                .isEqualTo(m.idHex().substring(2));
        ObjectNode reordered = JSON.createObjectNode();
        ObjectNode original = personJson();
        List<String> names = new java.util.ArrayList<>();
        original.fieldNames().forEachRemaining(names::add);
        java.util.Collections.reverse(names);
        names.forEach(n -> reordered.set(n, original.get(n)));
        String compact = JSON.writeValueAsString(reordered);
        assertThat(ScoringModel.parse(compact.getBytes(StandardCharsets.UTF_8)).idHex()).isEqualTo(m.idHex());
    }

    @Test
    void id_changesWithAnyContentChange() throws Exception {
        ObjectNode doc = personJson();
        ((ObjectNode) doc.withArray("schemas").get(0)).put("capMilli", 29999);
        assertThat(parse(doc).idHex()).isNotEqualTo(ScoringModel.builtIn("person-v1").idHex());
    }

    @Test
    void schemaIds_areKeccak256OfTheirNames() {
        for (String name : new String[] {"person-v1", "entity-v1"}) {
            for (SchemaRule s : ScoringModel.builtIn(name).schemas()) {
                byte[] k = new Keccak.Digest256().digest(s.name().getBytes(StandardCharsets.UTF_8));
                assertThat(s.id()).as(s.name()).isEqualTo("0x" + HexFormat.of().formatHex(k));
            }
        }
    }

    static List<Arguments> invalidModels() {
        return List.of(
                bad("missing member", "/minimumEvidence", d -> d.remove("minimumEvidence")),
                bad("wrong format", "/format", d -> d.put("format", "zhixin-credit-model/2")),
                bad("unknown member", "/colour", d -> d.put("colour", "red")),
                bad("bad kind", "/subjectKind", d -> d.put("subjectKind", "robot")),
                bad("string for integer", "/version", d -> d.put("version", "1")),
                bad("fraction", "/dimensions/1/weight", d -> dim(d, 1).put("weight", 2.5)),
                bad("zero weight", "/dimensions/1/weight", d -> dim(d, 1).put("weight", 0)),
                bad("base over 100", "/dimensions/0/base", d -> dim(d, 0).put("base", 101)),
                bad("duplicate dimension", "/dimensions/1/id", d -> dim(d, 1).put("id", "identity")),
                bad("dimension name", "/dimensions/2/id", d -> dim(d, 2).put("id", "Credit History")),
                bad("schema id not hex", "/schemas/3/id", d -> schema(d, 3).put("id", "0xABC")),
                bad("duplicate schema id", "/schemas/1/id", d -> schema(d, 1).put("id", schema(d, 0).get("id").textValue())),
                bad("unknown dimension", "/schemas/2/dimension", d -> schema(d, 2).put("dimension", "charisma")),
                bad("bad direction", "/schemas/4/direction", d -> schema(d, 4).put("direction", "up")),
                bad("duplicate code", "/schemas/5/code", d -> schema(d, 5).put("code", "IDENTITY_VERIFIED")),
                bad("lower-case code", "/schemas/5/code", d -> schema(d, 5).put("code", "loan")),
                bad("negative half-life", "/schemas/6/halfLifeDays", d -> schema(d, 6).put("halfLifeDays", -1)),
                bad("valueMax below valueMin", "/schemas/6/valueMax", d -> schema(d, 6).put("valueMax", 0)),
                bad("value beyond int16", "/schemas/6/valueMax", d -> schema(d, 6).put("valueMax", 40000)),
                bad("zero cap", "/schemas/0/capMilli", d -> schema(d, 0).put("capMilli", 0)),
                bad("weight too large", "/schemas/0/weightMilli", d -> schema(d, 0).put("weightMilli", 100_001)),
                bad("band gap", "/bands/1/min", d -> band(d, 1).put("min", 551)),
                bad("bands not reaching 950", "/bands/4/max", d -> band(d, 4).put("max", 900)),
                bad("band from below 350", "/bands/0/min", d -> band(d, 0).put("min", 300)),
                bad("evidence over dimensions", "/minimumEvidence/dimensions",
                        d -> ((ObjectNode) d.get("minimumEvidence")).put("dimensions", 6)),
                bad("too many reasons", "/reasons/up", d -> ((ObjectNode) d.get("reasons")).put("up", 11)),
                bad("no schemas", "/schemas", d -> d.putArray("schemas")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidModels")
    void parse_invalidModel_throwsNamingTheField(String what, String field, Consumer<ObjectNode> change) throws Exception {
        ObjectNode doc = personJson();
        change.accept(doc);
        assertThatThrownBy(() -> parse(doc))
                .isInstanceOfSatisfying(InvalidModelException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(field);
                });
    }

    @Test
    void parse_duplicateMember_isRefused() {
        assertThatThrownBy(() -> ScoringModel.parse("{\"format\":\"a\",\"format\":\"b\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidModelException.class, e -> {
                    assertThat(e.field()).isEqualTo("/");
                    assertThat(e.problem()).contains("Duplicate field 'format'");
                });
    }

    @Test
    void parse_notJson_isRefused() {
        assertThatThrownBy(() -> ScoringModel.parse("{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("not well-formed JSON");
    }

    @Test
    void builtIn_unknownName_isRefused() {
        assertThatThrownBy(() -> ScoringModel.builtIn("person-v9")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("person-v1 and entity-v1");
    }

    private static ScoringModel parse(ObjectNode doc) throws Exception {
        return ScoringModel.parse(JSON.writeValueAsBytes(doc));
    }

    private static Arguments bad(String what, String field, Consumer<ObjectNode> change) {
        return Arguments.of(what, field, change);
    }

    private static ObjectNode dim(ObjectNode d, int i) {
        return (ObjectNode) ((ArrayNode) d.get("dimensions")).get(i);
    }

    private static ObjectNode schema(ObjectNode d, int i) {
        return (ObjectNode) ((ArrayNode) d.get("schemas")).get(i);
    }

    private static ObjectNode band(ObjectNode d, int i) {
        return (ObjectNode) ((ArrayNode) d.get("bands")).get(i);
    }
}
