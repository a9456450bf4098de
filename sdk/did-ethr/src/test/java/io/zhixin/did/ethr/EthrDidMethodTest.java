package io.zhixin.did.ethr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.did.Did;
import io.zhixin.did.DidResolutionResult;
import io.zhixin.did.DidResolver;
import io.zhixin.did.ResolutionError;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class EthrDidMethodTest {
  private static final String REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
  private static final String ADDRESS = "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf";

  private static String deadUrl() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return "http://127.0.0.1:" + s.getLocalPort();
    }
  }

  private static DidResolver resolver(String rpcUrl) {
    EthrNetwork net = EthrNetwork.builder().chainId(31337).rpcUrl(rpcUrl).registry(REGISTRY).name("dev").build();
    return DidResolver.builder().method(EthrDidMethod.builder().network(net).build()).build();
  }

  @Test
  void resolve_badIdentifier_invalidDid() throws IOException {
    DidResolver r = resolver(deadUrl());
    assertThat(r.resolve("did:ethr:0x7a69:0x1234").error()).contains(ResolutionError.INVALID_DID);
    assertThat(r.resolve("did:ethr:0x7a69:0x7e5F4552091A69125d5DfCb7b8C2659029395Bdf").error())
        .contains(ResolutionError.INVALID_DID);
    assertThat(r.resolve("did:ethr:0x7a69:0x02" + "0".repeat(63) + "5").error())
        .contains(ResolutionError.INVALID_DID);
  }

  @Test
  void resolve_unconfiguredNetwork_methodNotSupported() throws IOException {
    DidResolutionResult res = resolver(deadUrl()).resolve("did:ethr:0x1:" + ADDRESS);
    assertThat(res.error()).contains(ResolutionError.METHOD_NOT_SUPPORTED);
    assertThat(res.resolutionMetadata().errorMessage().orElseThrow()).contains("'0x1'").contains("0x7a69")
        .contains("dev");
    // No network part means mainnet, which is not configured either.
    assertThat(resolver(deadUrl()).resolve("did:ethr:" + ADDRESS).error())
        .contains(ResolutionError.METHOD_NOT_SUPPORTED);
  }

  @Test
  void resolve_unreachableNode_internalErrorNotException() throws IOException {
    DidResolutionResult byId = resolver(deadUrl()).resolve("did:ethr:0x7a69:" + ADDRESS);
    assertThat(byId.error()).contains(ResolutionError.INTERNAL_ERROR);
    assertThat(byId.resolutionMetadata().errorMessage().orElseThrow()).contains("cannot call changed");
    DidResolutionResult byName = resolver(deadUrl()).resolve("did:ethr:dev:" + ADDRESS);
    assertThat(byName.error()).contains(ResolutionError.INTERNAL_ERROR);
  }

  @Test
  void resolveVersion_unreachableNode_internalError() throws IOException {
    EthrDidMethod m = EthrDidMethod.builder().network(EthrNetwork.of(31337, deadUrl(), REGISTRY)).build();
    assertThat(m.resolveVersion(Did.parse("did:ethr:0x7a69:" + ADDRESS), 3).error())
        .contains(ResolutionError.INTERNAL_ERROR);
    assertThatThrownBy(() -> m.resolveVersion(Did.parse("did:ethr:0x7a69:" + ADDRESS), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builder_duplicateNetwork_rejected() {
    EthrDidMethod.Builder b = EthrDidMethod.builder().network(EthrNetwork.of(5, "http://127.0.0.1:1", REGISTRY));
    assertThatThrownBy(() -> b.network(EthrNetwork.of(5, "http://127.0.0.1:2", REGISTRY)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x5");
    assertThatThrownBy(() -> EthrDidMethod.builder().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> EthrNetwork.builder().chainId(1).registry("0x12").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EthrNetwork.builder().chainId(1).registry(REGISTRY).name("0x5").build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
