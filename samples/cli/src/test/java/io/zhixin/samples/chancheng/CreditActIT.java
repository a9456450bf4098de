package io.zhixin.samples.chancheng;

import static org.assertj.core.api.Assertions.assertThat;

import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The demo's credit act: both scores explained, epochs published, the bank accepts score_over_650, more is refused. */
@WithDevChain
class CreditActIT {
  @Test
  void demo_creditAct_scoresPublishesAndSharesSelectively(DevChain chain) {
    StringWriter text = new StringWriter();
    new ChanchengDemo(new PrintWriter(text)).run(chain);
    String out = text.toString();
    String act = out.substring(out.indexOf("7. Credit"));
    assertThat(act).containsPattern("score +citizen: \\d{3} \\((good|very_good|excellent)\\) under person-v1; identity \\d+")
        .containsPattern("score +company: \\d{3} \\(\\w+\\) under entity-v1")
        .contains("up    IDENTITY_VERIFIED: A government department verified")
        .contains("down  PAYMENT_OVERDUE: ")
        .contains("down  CONSUMER_COMPLAINT_UPHELD: ")
        .containsPattern("published +epoch \\d+ \\(person-v1, 1 subject\\) and epoch \\d+ \\(entity-v1\\)")
        .containsPattern("accepted +the bank sees score_over_650=true, credit_history=\\d+; epoch \\d+ is published and not revoked")
        .contains("the wallet says NOT_APPROVED and sends nothing");
  }
}
