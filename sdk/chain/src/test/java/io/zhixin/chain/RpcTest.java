package io.zhixin.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.exceptions.ClientConnectionException;

/** Which failures are retried, and which JSON-RPC errors are reverts. */
class RpcTest {
  @Test
  void isTransient_transportFailuresAndServerErrors_yes_clientErrors_no() {
    assertThat(Rpc.isTransient(new ConnectException("Connection refused"))).isTrue();
    assertThat(Rpc.isTransient(new SocketTimeoutException("timeout"))).isTrue();
    assertThat(Rpc.isTransient(new IOException("unexpected end of stream"))).isTrue();
    assertThat(Rpc.isTransient(new ClientConnectionException("Invalid response received: 503; upstream down"))).isTrue();
    assertThat(Rpc.isTransient(new ClientConnectionException("Invalid response received: 429; slow down"))).isTrue();
    assertThat(Rpc.isTransient(new ClientConnectionException("Invalid response received: 401; unauthorized"))).isFalse();
  }

  @Test
  void revertData_revertErrorsCarryTheirData_otherErrorsAreNotReverts() {
    assertThat(Rpc.revertData(error(3, "execution reverted", "0x35f59d69" + "0".repeat(64)))).startsWith("0x35f59d69");
    assertThat(Rpc.revertData(error(-32000, "Execution reverted", "0xdeadbeef"))).isEqualTo("0xdeadbeef"); // Besu
    assertThat(Rpc.revertData(error(3, "execution reverted", null))).isEqualTo("0x");
    assertThat(Rpc.revertData(error(-32000, "Nonce too low. Expected nonce to be 2 but got 1.", "{\"message\":\"Nonce too low\"}"))).isNull();
    assertThat(Rpc.errorOf("anchor", error(3, "reverted", "0x35f59d69" + "0".repeat(64)), null))
        .isInstanceOfSatisfying(ContractRevertException.class, e -> assertThat(e.errorName()).isEqualTo("StatusListEmptyDigest"));
  }

  @Test
  void retryPolicy_backoffGrowsToItsCap() {
    RetryPolicy p = RetryPolicy.DEFAULT;
    assertThat(p.backoffMillis(0)).isEqualTo(100);
    assertThat(p.backoffMillis(1)).isEqualTo(200);
    assertThat(p.backoffMillis(10)).isEqualTo(2000);
  }

  private static Response.Error error(int code, String message, String data) {
    Response.Error e = new Response.Error(code, message);
    e.setData(data);
    return e;
  }
}
