package io.zhixin.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The scanner finds personal data in every place and form it claims to, and nothing in a clean run. */
@WithDevChain
class PrivacyScanIT {
  private static final Bytes32 SCHEMA = Bytes32.keccak("zhixin:schema:privacy-scan");
  private static final String NAME = "陈晓明";
  private static final String ID_NUMBER = "44060419900307123X";
  private static final String BIRTH_DATE = "1990-03-07";
  private static final String PHONE = "138 0013 8000";

  private static PrivacyScan scan() {
    return PrivacyScan.builder().forbid("name", NAME).forbid("id number", ID_NUMBER).forbid("birth date", BIRTH_DATE)
        .forbid("phone", PHONE).build();
  }

  @Test
  void scan_pseudonymousWrites_clean_butHashedIdNumberAndPlainNameAreFound(DevChain chain) {
    ZhixinChain root = Fixtures.deployed(chain);
    root.attestations().registerSchema(SCHEMA, Bytes32.ofText("test"), "months", true);
    root.trustRegistry().accredit(TrustRegistry.Grant.to(root.sender().orElseThrow()).scopes(SCHEMA));
    long start = root.deployment().block();

    // A run that follows the rules: random pseudonyms and salted commitments.
    root.attestations().attest(AttestationEntry.of(SCHEMA, Fixtures.random(), 24, Fixtures.random()));
    PrivacyScan.Report clean = scan().scan(root, start, root.blockNumber());
    assertThat(clean.storageScanned()).isTrue();
    assertThat(clean.transactions()).isGreaterThanOrEqualTo(9);
    assertThat(clean.storageWrites()).isPositive();
    assertThat(clean.findings()).isEmpty();
    assertThat(clean.isClean()).isTrue();

    // A run that breaks them: the subject is an unsalted hash of the ID number, a DID attribute holds the name.
    long bad = root.blockNumber() + 1;
    root.attestations().attest(AttestationEntry.of(SCHEMA, Bytes32.keccak(ID_NUMBER), 1, Fixtures.random()));
    Address me = root.sender().orElseThrow();
    root.dids().setAttribute(me, Bytes32.ofText("name"), NAME.getBytes(StandardCharsets.UTF_8), Duration.ofDays(1));
    root.dids().setAttribute(me, Bytes32.ofText("birth"), "19900307".getBytes(StandardCharsets.US_ASCII), Duration.ofDays(1));

    PrivacyScan.Report dirty = scan().scan(root, bad, root.blockNumber());
    assertThat(dirty.isClean()).isFalse();
    assertThat(dirty.findings()).anyMatch(f -> f.label().equals("id number") && f.place() == PrivacyScan.Place.TRANSACTION_INPUT
        && f.form().startsWith("keccak256(utf8"));
    assertThat(dirty.findings()).anyMatch(f -> f.label().equals("id number") && f.place() == PrivacyScan.Place.EVENT_LOG);
    assertThat(dirty.findings()).anyMatch(f -> f.label().equals("id number") && f.place() == PrivacyScan.Place.STORAGE_WRITE
        && f.form().startsWith("mapping key"));
    assertThat(dirty.findings()).anyMatch(f -> f.label().equals("name") && f.place() == PrivacyScan.Place.EVENT_LOG);
    assertThat(dirty.findings()).anyMatch(f -> f.label().equals("birth date") && f.form().startsWith("utf8"));
    assertThat(dirty.findings()).noneMatch(f -> f.label().equals("phone"));
    // Findings name the label and the form, never the value.
    assertThat(dirty.findings().toString()).doesNotContain(ID_NUMBER).doesNotContain(NAME);
  }
}
