package io.zhixin.did.ethr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.did.Did;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

class EthrDidTest {
  // Private key 1: the generator point; its address is well known.
  private static final KeyPair ONE = KeyPair.fromPrivateKeyBytes(KeyType.SECP256K1, scalar(1));
  private static final String ONE_ADDRESS = "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf";
  private static final String ONE_KEY = "0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

  private static byte[] scalar(int v) {
    byte[] b = new byte[32];
    b[31] = (byte) v;
    return b;
  }

  @Test
  void fromPublicKey_compressesTheKey_andParsesBackToItsAddress() {
    Did did = EthrDid.fromPublicKey(31337, ONE.publicJwk());
    assertThat(did.toString()).isEqualTo("did:ethr:0x7a69:" + ONE_KEY);
    EthrDid parsed = EthrDid.parse(did);
    assertThat(parsed.network()).isEqualTo("0x7a69");
    assertThat(parsed.address()).isEqualTo(ONE_ADDRESS);
    assertThat(parsed.publicKeyHex()).contains(ONE_KEY);
    assertThat(EthrDid.address(ONE.publicJwk())).isEqualTo(ONE_ADDRESS);
  }

  @Test
  void fromAddress_checksumsAndNamesNetworks() {
    assertThat(EthrDid.fromAddress(1, ONE_ADDRESS.toLowerCase()).toString())
        .isEqualTo("did:ethr:0x1:" + ONE_ADDRESS);
    assertThat(EthrDid.fromAddress("mainnet", ONE_ADDRESS).toString()).isEqualTo("did:ethr:" + ONE_ADDRESS);
    assertThat(EthrDid.fromAddress("rsk:testnet", ONE_ADDRESS).toString())
        .isEqualTo("did:ethr:rsk:testnet:" + ONE_ADDRESS);
    assertThat(EthrDid.parse(Did.parse("did:ethr:" + ONE_ADDRESS)).network()).isEqualTo("mainnet");
    assertThat(EthrDid.parse(Did.parse("did:ethr:rsk:testnet:" + ONE_ADDRESS)).network()).isEqualTo("rsk:testnet");
    // The same address as web3j derives it from the same private key.
    Credentials c = Credentials.create("0x" + "0".repeat(63) + "1");
    assertThat(EthrDid.parse(EthrDid.fromAddress(5, c.getAddress())).address()).isEqualTo(ONE_ADDRESS);
  }

  @Test
  void parse_allLowerOrUpperCaseAddress_accepted() {
    assertThat(EthrDid.parse(Did.parse("did:ethr:0x7a69:" + ONE_ADDRESS.toLowerCase())).address())
        .isEqualTo(ONE_ADDRESS);
    assertThat(EthrDid.parse(Did.parse("did:ethr:0x7a69:0x" + ONE_ADDRESS.substring(2).toUpperCase())).address())
        .isEqualTo(ONE_ADDRESS);
  }

  @Test
  void parse_badInput_rejectedWithReason() {
    assertThatThrownBy(() -> EthrDid.parse(Did.parse("did:key:z6Mk"))).hasMessageContaining("expected a did:ethr");
    assertThatThrownBy(() -> EthrDid.parse(Did.parse("did:ethr:0x7a69:0x1234")))
        .hasMessageContaining("0x<40 hex digits>");
    String badChecksum = "0x7e5F4552091A69125d5DfCb7b8C2659029395Bdf";
    assertThatThrownBy(() -> EthrDid.parse(Did.parse("did:ethr:" + badChecksum)))
        .hasMessageContaining("checksum");
    // x = 5 has no point on secp256k1.
    String notOnCurve = "0x02" + "0".repeat(63) + "5";
    assertThatThrownBy(() -> EthrDid.parse(Did.parse("did:ethr:" + notOnCurve)))
        .hasMessageContaining("not a compressed secp256k1 point");
    String uncompressedPrefix = "0x04" + ONE_KEY.substring(4);
    assertThatThrownBy(() -> EthrDid.parse(Did.parse("did:ethr:" + uncompressedPrefix)))
        .hasMessageContaining("not a compressed secp256k1 point");
  }

  @Test
  void fromPublicKey_otherCurves_rejected() {
    KeyPair p256 = KeyPair.generate(KeyType.P256);
    assertThatThrownBy(() -> EthrDid.fromPublicKey(1, p256.publicJwk())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secp256k1");
  }
}
