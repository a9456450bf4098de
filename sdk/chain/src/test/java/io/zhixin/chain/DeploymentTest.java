package io.zhixin.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentTest {
  static Deployment sample(long chainId) {
    Map<ChainContract, Deployment.Deployed> contracts = new EnumMap<>(ChainContract.class);
    int i = 1;
    for (ChainContract c : ChainContract.values()) {
      contracts.put(c, new Deployment.Deployed(Address.parse(String.format("0x%040x", i)), 10 + i, String.format("0x%064x", i)));
      i++;
    }
    Address deployer = Address.parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    return new Deployment(chainId, deployer, deployer, CreditScoreRegistry.DEFAULT_BUREAU_SCOPE,
        Instant.parse("2026-12-04T10:00:00Z"), contracts);
  }

  @Test
  void writeThenRead_roundTrips(@TempDir Path dir) throws Exception {
    Deployment deployment = sample(31337);
    Path file = dir.resolve("sub/deployment.json");
    deployment.write(file);
    assertThat(Deployment.read(file)).isEqualTo(deployment);
    assertThat(Deployment.read(file).block()).isEqualTo(11);
    assertThat(Files.readString(file)).contains("\"format\" : \"zhixin-deployment/1\"", "\"TrustedIssuerRegistry\"");
    // Overwrites atomically and leaves no temporary file behind.
    sample(1).write(file);
    assertThat(Deployment.read(file).chainId()).isEqualTo(1);
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("deployment.json");
    }
  }

  @Test
  void read_broken_throwsNamingTheField(@TempDir Path dir) throws Exception {
    String good = sample(5).toJson();
    Path file = dir.resolve("d.json");
    Files.writeString(file, good.replace("\"StatusListAnchors\"", "\"Other\""));
    assertThatThrownBy(() -> Deployment.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contracts.StatusListAnchors is missing");
    Files.writeString(file, good.replace("zhixin-deployment/1", "zhixin-deployment/9"));
    assertThatThrownBy(() -> Deployment.read(file)).hasMessageContaining("format");
    Files.writeString(file, good.replaceFirst("0x0000000000000000000000000000000000000001", "0x1234"));
    assertThatThrownBy(() -> Deployment.read(file)).hasMessageContaining("40 hex digits");
    Files.writeString(file, "{");
    assertThatThrownBy(() -> Deployment.read(file)).hasMessageContaining("not JSON");
  }

  @Test
  void address_checksum() {
    assertThat(Address.parse("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"))
        .isEqualTo(Address.parse("0xF39FD6E51AAD88F6F4CE6AB8827279CFFFB92266"));
    assertThatThrownBy(() -> Address.parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92267"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checksum");
    assertThat(Account.fromPrivateKey("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80").toString())
        .isEqualTo("Account[0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266]");
  }
}
