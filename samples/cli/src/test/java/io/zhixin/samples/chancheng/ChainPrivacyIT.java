package io.zhixin.samples.chancheng;

import static org.assertj.core.api.Assertions.assertThat;

import io.zhixin.chain.PrivacyScan;
import io.zhixin.chain.ZhixinChain;
import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * PIPL rule: no personal data on chain, not even hashed. Runs the demo, then scans everything it
 * wrote (transaction inputs, logs, storage slots written) for the people's name, ID number, birth
 * date and phone number in every form {@link PrivacyScan} knows: text, numbers, hashes.
 */
@WithDevChain
class ChainPrivacyIT {
  @Test
  void theDemoWritesNoPersonalDataNorItsHashesToTheChain(DevChain chain) {
    long firstBlock = chain.blockNumber().longValueExact() + 1;
    ChanchengDemo.Outcome outcome = new ChanchengDemo(new PrintWriter(new StringWriter())).run(chain);
    long lastBlock = chain.blockNumber().longValueExact();

    try (ZhixinChain reader = ZhixinChain.builder().rpcUrl(chain.rpcUrl()).build()) {
      PrivacyScan.Builder personal = PrivacyScan.builder();
      ChanchengDemo.personalData().forEach(datum -> personal.forbid("personal data", datum));
      PrivacyScan.Report report = personal.build().scan(reader, firstBlock, lastBlock);
      assertThat(report.transactions()).isGreaterThan(20);
      assertThat(report.storageScanned()).isTrue();
      assertThat(report.findings()).isEmpty();

      // The same scan does find what is meant to be there: the hash of the citizen's random subject id.
      PrivacyScan.Report control = PrivacyScan.builder().forbid("pseudonym source", outcome.citizenSubjectId()).build()
          .scan(reader, firstBlock, lastBlock);
      assertThat(control.findings()).isNotEmpty();
    }
  }
}
