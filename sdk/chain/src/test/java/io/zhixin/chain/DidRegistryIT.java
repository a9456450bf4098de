package io.zhixin.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithDevChain
class DidRegistryIT {
  private static final Bytes32 VERI_KEY = Bytes32.ofText("veriKey");
  private static final Bytes32 HUB = Bytes32.ofText("did/svc/HubService");

  @Test
  void changes_areReplayedOldestFirstThroughPreviousChangeLinks(DevChain chain) {
    ZhixinChain identity = Fixtures.as(chain, 13, Fixtures.deployed(chain).deployment());
    DidRegistry dids = identity.dids();
    Address me = identity.sender().orElseThrow();
    Address delegate = Fixtures.account(chain, 14).address();
    Address newOwner = Fixtures.account(chain, 15).address();
    assertThat(dids.identityOwner(me)).isEqualTo(me);
    assertThat(dids.changed(me)).isZero();

    dids.addDelegate(me, VERI_KEY, delegate, Duration.ofDays(1));
    assertThat(dids.validDelegate(me, VERI_KEY, delegate)).isTrue();
    byte[] endpoint = "https://hub.example.org".getBytes(StandardCharsets.UTF_8);
    dids.setAttribute(me, HUB, endpoint, Duration.ofDays(365));
    dids.revokeDelegate(me, VERI_KEY, delegate);
    dids.revokeAttribute(me, HUB, endpoint);
    dids.changeOwner(me, newOwner);
    assertThat(dids.identityOwner(me)).isEqualTo(newOwner);

    List<DidRegistry.Change> history = dids.history(me);
    assertThat(history).hasSize(5);
    assertThat(history.get(0)).isInstanceOfSatisfying(DidRegistry.DelegateChanged.class, d -> {
      assertThat(d.delegate()).isEqualTo(delegate);
      assertThat(d.delegateType().toText()).isEqualTo("veriKey");
      assertThat(d.previousChange()).isZero();
    });
    assertThat(history.get(1)).isInstanceOfSatisfying(DidRegistry.AttributeChanged.class, a -> {
      assertThat(a.name().toText()).isEqualTo("did/svc/HubService");
      assertThat(a.value()).isEqualTo(endpoint);
      assertThat(a.isRevoked()).isFalse();
    });
    assertThat(history.get(3)).isInstanceOfSatisfying(DidRegistry.AttributeChanged.class, a -> assertThat(a.isRevoked()).isTrue());
    assertThat(history.get(4)).isInstanceOfSatisfying(DidRegistry.OwnerChanged.class, o -> assertThat(o.owner()).isEqualTo(newOwner));
    for (int i = 1; i < history.size(); i++) {
      assertThat(history.get(i).previousChange()).isEqualTo(history.get(i - 1).blockNumber());
    }

    // The old owner may no longer change the identity.
    assertThatThrownBy(() -> dids.changeOwner(me, me))
        .isInstanceOfSatisfying(ContractRevertException.class, e -> {
          assertThat(e.errorName()).isEqualTo("DIDRegistryBadActor");
          assertThat(e.argument("owner", Address.class)).isEqualTo(newOwner);
        });
  }

  @Test
  void signedChanges_ownerWithoutGas_relayerSends(DevChain chain) {
    ZhixinChain relayer = Fixtures.as(chain, 1, Fixtures.deployed(chain).deployment());
    DidRegistry dids = relayer.dids();
    Account citizen = Account.generate(); // a key, no funds
    Address me = citizen.address();
    Address delegate = Account.generate().address();
    byte[] key = new byte[] {1, 2, 3};

    dids.addDelegateSigned(me, citizen, VERI_KEY, delegate, Duration.ofDays(1));
    dids.setAttributeSigned(me, citizen, Bytes32.ofText("did/pub/Secp256k1/veriKey/hex"), key, Duration.ofDays(1));
    dids.revokeAttributeSigned(me, citizen, Bytes32.ofText("did/pub/Secp256k1/veriKey/hex"), key);
    dids.revokeDelegateSigned(me, citizen, VERI_KEY, delegate);
    assertThat(dids.nonce(me)).isEqualTo(4);
    assertThat(dids.history(me)).hasSize(4);

    // A signature by someone else is refused, and the identity's owner stays.
    Account stranger = Account.generate();
    assertThatThrownBy(() -> dids.changeOwnerSigned(me, stranger, stranger.address()))
        .isInstanceOfSatisfying(ContractRevertException.class, e -> {
          assertThat(e.errorName()).isEqualTo("DIDRegistryBadSignature");
          assertThat(e.argument("signer", Address.class)).isEqualTo(stranger.address());
        });
    Address next = Account.generate().address();
    dids.changeOwnerSigned(me, citizen, next);
    assertThat(dids.identityOwner(me)).isEqualTo(next);
  }
}
