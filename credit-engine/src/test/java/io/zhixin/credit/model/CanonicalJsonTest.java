package io.zhixin.credit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void canonicalize_builtInModels_matchesRfc8785ReferenceImplementation() throws Exception {
        for (String name : new String[] {"person-v1", "entity-v1"}) {
            byte[] file;
            try (InputStream in = getClass().getResourceAsStream("/models/" + name + ".json")) {
                file = in.readAllBytes();
            }
            byte[] ours = CanonicalJson.canonicalize(JSON.readTree(file));
            byte[] reference = new JsonCanonicalizer(file).getEncodedUTF8();
            assertThat(new String(ours, StandardCharsets.UTF_8)).isEqualTo(new String(reference, StandardCharsets.UTF_8));
        }
    }

    @Test
    void canonicalize_escapesAndMemberOrder_matchReferenceImplementation() throws Exception {
        String doc = "{ \"z\": [1, -2, 9007199254740991, true, null],\n \"a\\u0001\": \"tab\\t quote\\\" back\\\\ "
                + "nl\\n cr\\r bs\\b ff\\f ctl\\u001f slash/ \\u20ac \\ud83d\\ude00 \\u2028\", "
                + "\"\\u00e9\": {}, \"\\ud83d\\ude00\": 0, \"\\uff61\": 1, \"A\": [] }";
        byte[] ours = CanonicalJson.canonicalize(JSON.readTree(doc));
        byte[] reference = new JsonCanonicalizer(doc).getEncodedUTF8();
        assertThat(new String(ours, StandardCharsets.UTF_8)).isEqualTo(new String(reference, StandardCharsets.UTF_8));
    }

    @Test
    void canonicalize_fraction_isRefusedNamingTheField() throws Exception {
        assertThatThrownBy(() -> CanonicalJson.canonicalize(JSON.readTree("{\"a\":[{\"w\":1.5}]}")))
                .isInstanceOfSatisfying(InvalidModelException.class, e -> assertThat(e.field()).isEqualTo("/a/0/w"));
    }

    @Test
    void canonicalize_integerBeyondExactRange_isRefused() throws Exception {
        assertThatThrownBy(() -> CanonicalJson.canonicalize(JSON.readTree("{\"n\":9007199254740992}")))
                .isInstanceOfSatisfying(InvalidModelException.class, e -> assertThat(e.field()).isEqualTo("/n"));
    }
}
