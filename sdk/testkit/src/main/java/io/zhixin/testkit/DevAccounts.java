package io.zhixin.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

/** The funded accounts of a dev chain. */
final class DevAccounts {
  static final long HARDHAT_CHAIN_ID = 31337;
  /** Hardhat's and Anvil's public default mnemonic: these keys hold test ether only. */
  private static final String DEV_MNEMONIC = "test test test test test test test test test test test junk";
  private static final int DEV_ACCOUNTS = 20;
  private static final int HARDENED = 0x80000000;

  private static final List<Credentials> HARDHAT = derive();

  private DevAccounts() {}

  static List<Credentials> hardhat() {
    return HARDHAT;
  }

  static List<Credentials> fromPrivateKeys(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(key -> {
          try {
            return Credentials.create(key);
          } catch (RuntimeException e) {
            // Never echo the key itself.
            throw new DevChainException(DevChain.PRIVATE_KEYS_ENV + " holds a value that is not a hex private key");
          }
        })
        .toList();
  }

  /** m/44'/60'/0'/0/i, as Hardhat derives them. */
  private static List<Credentials> derive() {
    Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(DEV_MNEMONIC, ""));
    List<Credentials> accounts = new ArrayList<>(DEV_ACCOUNTS);
    for (int i = 0; i < DEV_ACCOUNTS; i++) {
      int[] path = {44 | HARDENED, 60 | HARDENED, HARDENED, 0, i};
      accounts.add(Credentials.create(Bip32ECKeyPair.deriveKeyPair(master, path)));
    }
    return List.copyOf(accounts);
  }
}
