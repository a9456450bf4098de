package io.zhixin.credit.index;

import io.zhixin.chain.Deployment;
import io.zhixin.chain.ZhixinChain;
import io.zhixin.credit.store.SqliteAttestationStore;
import java.nio.file.Path;

/**
 * Test helper run in a child JVM: indexes the chain at {@code args[0]} (manifest {@code args[1]}) into the store
 * {@code args[2]}, one block per range, printing "committed N" after each range and pausing a little, until done or
 * killed.
 */
public final class IndexerProcess {
    private IndexerProcess() {}

    public static void main(String[] args) {
        try (ZhixinChain chain = ZhixinChain.connectReadOnly(args[0], Deployment.read(Path.of(args[1])));
                SqliteAttestationStore store = SqliteAttestationStore.open(Path.of(args[2]))) {
            ChainIndexer.builder().chain(chain).store(store).confirmations(0).blocksPerBatch(1).afterBatch(block -> {
                System.out.println("committed " + block);
                System.out.flush();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).build().run();
        }
        System.out.println("done");
    }
}
