package io.zhixin.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

/** Revert data decoded into the custom errors of the bundled ABI. */
class ContractErrorsTest {
  private static String word(BigInteger v) {
    return String.format("%064x", v);
  }

  @Test
  void decode_subsidyAlreadyClaimed_namesTheErrorAndTypesItsArguments() {
    Bytes32 programme = Bytes32.keccak("programme");
    Bytes32 nullifier = Bytes32.keccak("nullifier");
    String data = Hash.sha3String("SubsidyAlreadyClaimed(bytes32,bytes32,uint256)").substring(0, 10)
        + programme.toHex().substring(2) + nullifier.toHex().substring(2) + word(BigInteger.valueOf(1_700_000_000));

    ContractRevertException e = ContractErrors.decode("claim", data, null);

    assertThat(e.errorName()).isEqualTo("SubsidyAlreadyClaimed");
    assertThat(e.argument("programme", Bytes32.class)).isEqualTo(programme);
    assertThat(e.argument("nullifier", Bytes32.class)).isEqualTo(nullifier);
    assertThat(e.argument("claimedAt", BigInteger.class)).isEqualTo(BigInteger.valueOf(1_700_000_000));
    assertThat(e.getMessage()).startsWith("claim reverted with SubsidyAlreadyClaimed(programme=0x");
  }

  @Test
  void decode_addressAndBoolArguments_becomeAddressAndBoolean() {
    Address office = Address.parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    String data = Hash.sha3String("SubsidyOfficeUnchanged(bytes32,address,bool)").substring(0, 10)
        + word(BigInteger.ONE) + "000000000000000000000000" + office.toHex().substring(2) + word(BigInteger.ONE);
    ContractRevertException e = ContractErrors.decode("set office", data, "0xabc");
    assertThat(e.argument("office", Address.class)).isEqualTo(office);
    assertThat(e.argument("authorized", Boolean.class)).isTrue();
    assertThat(e.transactionHash()).contains("0xabc");
  }

  @Test
  void decode_errorStringAndUnknownData() {
    String message = "0x08c379a0" + word(BigInteger.valueOf(32)) + word(BigInteger.valueOf(2)) + "6f6b" + "0".repeat(60);
    assertThat(ContractErrors.decode("x", message, null).argument("message", String.class)).isEqualTo("ok");
    assertThat(ContractErrors.decode("x", "0xdeadbeef", null).errorName()).isEqualTo(ContractRevertException.UNKNOWN);
    assertThat(ContractErrors.decode("x", "0x", null).errorName()).isEqualTo(ContractRevertException.UNKNOWN);
  }

  @Test
  void all_everyErrorOfEveryBundledContract_hasADistinctSelector() {
    long declared = 0;
    for (String contract : ContractErrors.CONTRACTS) {
      for (var entry : ContractErrors.abi(contract)) {
        if ("error".equals(entry.path("type").asText())) {
          declared++;
          assertThat(ContractErrors.all().values()).anyMatch(d -> d.name().equals(entry.get("name").asText()));
        }
      }
    }
    assertThat(declared).isGreaterThan(40);
    assertThat(ContractErrors.all()).containsKeys("0x08c379a0", "0x4e487b71");
  }
}
