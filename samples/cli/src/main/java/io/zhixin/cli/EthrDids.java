package io.zhixin.cli;

import com.nimbusds.jose.jwk.ECKey;
import io.zhixin.did.Did;
import io.zhixin.keys.KeyPair;
import java.math.BigInteger;
import org.web3j.crypto.Keys;

/** did:ethr identifiers: an Ethereum address on a chain named by its hex chain id. */
final class EthrDids {
  private EthrDids() {}

  static Did create(KeyPair secp256k1, long chainId) {
    ECKey jwk = (ECKey) secp256k1.publicJwk();
    byte[] x = jwk.getX().decode();
    byte[] y = jwk.getY().decode();
    byte[] point = new byte[64];
    System.arraycopy(x, 0, point, 32 - x.length, x.length);
    System.arraycopy(y, 0, point, 64 - y.length, y.length);
    String address = Keys.toChecksumAddress(Keys.getAddress(new BigInteger(1, point)));
    return Did.of("ethr", "0x" + Long.toHexString(chainId) + ":" + address.toLowerCase(java.util.Locale.ROOT));
  }
}
