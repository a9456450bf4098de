package io.zhixin.credit.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The scoring path computes in integers only: its bytecode has no float or double instruction or constant. */
class NoFloatingPointTest {
    private static final Pattern FLOATING = Pattern.compile(
            "\\b([dfDF](add|sub|mul|div|rem|neg|cmp[lg]|load|store|const_\\d|return|aload|astore)|[ilfd]2[df]|[df]2[ilfd])\\b"
                    + "|\\bldc2?_w?\\s+#\\d+\\s+// (double|float)\\b");

    @Test
    void scoringClasses_containNoFloatingPointInstructions() throws Exception {
        Path dir = Path.of(CreditScorer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/zhixin/credit/score");
        List<Path> classes;
        try (Stream<Path> s = Files.list(dir)) {
            classes = s.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertThat(classes).hasSizeGreaterThan(5);
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
        for (Path c : classes) {
            StringWriter out = new StringWriter();
            int rc = javap.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-c", "-p", c.toString());
            assertThat(rc).isZero();
            assertThat(FLOATING.matcher(out.toString()).find()).as("floating point in %s", c.getFileName()).isFalse();
        }
    }

    @Test
    void pattern_findsFloatingPoint() throws URISyntaxException {
        assertThat(FLOATING.matcher("      12: dmul").find()).isTrue();
        assertThat(FLOATING.matcher("      12: i2d").find()).isTrue();
        assertThat(FLOATING.matcher("       3: ldc2_w        #7                  // double 0.5d").find()).isTrue();
        assertThat(FLOATING.matcher("      12: lmul").find()).isFalse();
    }
}
