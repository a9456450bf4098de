package io.zhixin.cli;

import io.zhixin.samples.chancheng.ChanchengDemo;
import io.zhixin.samples.portals.PortalsDemo;
import io.zhixin.testkit.DevChain;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Runs the Chancheng district scenario end to end on a dev chain and prints what happens.")
final class DemoCommand implements Callable<Integer> {
  @Mixin ChainOptions chain;
  @Spec CommandSpec spec;

  @Option(names = "--serve", description = "Instead of the scripted run, start the citizen and bank web portals on "
      + "localhost, print their URLs and the wallet command to log in, and wait for Ctrl-C.")
  boolean serve;

  @Override
  public Integer call() {
    try (DevChain devChain = chain.connect()) {
      if (serve) {
        PortalsDemo.serve(devChain, spec.commandLine().getOut(), new CountDownLatch(1));
      } else {
        new ChanchengDemo(spec.commandLine().getOut()).run(devChain);
      }
    }
    return 0;
  }
}
