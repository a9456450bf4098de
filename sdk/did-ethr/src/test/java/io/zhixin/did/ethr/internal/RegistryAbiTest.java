package io.zhixin.did.ethr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.methods.response.Log;

class RegistryAbiTest {
  private static final String IDENTITY = "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf";
  private static final String DELEGATE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

  private static Log log(String topic0, Type<?>... data) {
    Log l = new Log();
    l.setTopics(List.of(topic0, RegistryAbi.identityTopic(IDENTITY)));
    l.setData("0x" + FunctionEncoder.encodeConstructor(List.of(data)));
    l.setBlockNumber("0x2a");
    return l;
  }

  @Test
  void decode_threeEvents() {
    RegistryAbi.Decoded owner = RegistryAbi.decode(log(EventEncoder.encode(RegistryAbi.OWNER_CHANGED),
        new Address(DELEGATE.toLowerCase()), new Uint256(7)));
    assertThat(owner.event()).isEqualTo(new RegistryEvent.OwnerChanged(IDENTITY, DELEGATE, BigInteger.valueOf(7), 42));

    RegistryAbi.Decoded delegate = RegistryAbi.decode(log(EventEncoder.encode(RegistryAbi.DELEGATE_CHANGED),
        RegistryAbi.bytes32("sigAuth"), new Address(DELEGATE), new Uint256(1000), new Uint256(8)));
    assertThat(delegate.event()).isEqualTo(new RegistryEvent.DelegateChanged(IDENTITY, "sigAuth", DELEGATE,
        BigInteger.valueOf(1000), BigInteger.valueOf(8), 42));

    RegistryAbi.Decoded attribute = RegistryAbi.decode(log(EventEncoder.encode(RegistryAbi.ATTRIBUTE_CHANGED),
        RegistryAbi.bytes32("did/svc/Hub"), new DynamicBytes(new byte[] {1, (byte) 0xab}), new Uint256(0),
        new Uint256(9)));
    assertThat(attribute.event()).isEqualTo(new RegistryEvent.AttributeChanged(IDENTITY, "did/svc/Hub", "0x01ab",
        BigInteger.ZERO, BigInteger.valueOf(9), 42));
    assertThat(attribute.previousChange()).isEqualTo(9);
  }

  @Test
  void decode_nameNotUtf8_noEventButPreviousChangeKept() {
    byte[] bad = new byte[32];
    bad[0] = (byte) 0xff;
    RegistryAbi.Decoded d = RegistryAbi.decode(log(EventEncoder.encode(RegistryAbi.ATTRIBUTE_CHANGED),
        new Bytes32(bad), new DynamicBytes(new byte[0]), new Uint256(5), new Uint256(3)));
    assertThat(d.event()).isNull();
    assertThat(d.previousChange()).isEqualTo(3);
  }

  @Test
  void decode_otherEventOrMalformedData() {
    assertThat(RegistryAbi.decode(log("0x" + "11".repeat(32), new Uint256(1)))).isNull();
    assertThatThrownBy(() -> RegistryAbi.decode(log(EventEncoder.encode(RegistryAbi.DELEGATE_CHANGED),
        new Uint256(1)))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bytes32_rightPaddedUtf8_atMost32Bytes() {
    byte[] b = RegistryAbi.bytes32("veriKey").getValue();
    assertThat(Arrays.copyOf(b, 7)).isEqualTo("veriKey".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(Arrays.copyOfRange(b, 7, 32)).containsOnly(0);
    assertThat(RegistryAbi.text(RegistryAbi.bytes32("did/pub/Ed25519/veriKey/base64"))).isEqualTo(
        "did/pub/Ed25519/veriKey/base64");
    assertThatThrownBy(() -> RegistryAbi.bytes32("x".repeat(33))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 32");
  }
}
