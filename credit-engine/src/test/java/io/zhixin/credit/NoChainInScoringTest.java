package io.zhixin.credit;

import static org.assertj.core.api.Assertions.assertThat;

import io.zhixin.credit.score.CreditScorer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Scoring stays pure: the classes of the model, score and store packages (and the facts in {@code io.zhixin.credit})
 * refer to no chain, credential or key class, so anyone can recompute a score without a chain client. Only
 * {@code index}, {@code epoch} and {@code share} may.
 */
class NoChainInScoringTest {
    private static final List<String> FORBIDDEN = List.of("io/zhixin/chain/", "io/zhixin/credentials/", "io/zhixin/keys/",
            "org/web3j/");

    @Test
    void scoringPackages_referToNoChainOrCredentialClass() throws Exception {
        Path classes = Path.of(CreditScorer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        int checked = 0;
        for (String pkg : List.of("io/zhixin/credit", "io/zhixin/credit/model", "io/zhixin/credit/score", "io/zhixin/credit/store")) {
            try (Stream<Path> s = Files.list(classes.resolve(pkg))) {
                for (Path c : s.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String constants = new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
                    for (String f : FORBIDDEN) {
                        assertThat(constants).as("%s refers to %s", c.getFileName(), f).doesNotContain(f);
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void check_findsTheChainInTheIndexer() throws Exception {
        Path c = Path.of(CreditScorer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/zhixin/credit/index/ChainIndexer.class");
        assertThat(new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1)).contains("io/zhixin/chain/");
    }
}
