package io.zhixin.cli;

import io.zhixin.samples.chancheng.ChanchengDemo;
import io.zhixin.testkit.DevChain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Runs the Chancheng district scenario end to end on a dev chain and prints what happens.")
final class DemoCommand implements Callable<Integer> {
  @Mixin ChainOptions chain;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (DevChain devChain = chain.connect()) {
      new ChanchengDemo(spec.commandLine().getOut()).run(devChain);
    }
    return 0;
  }
}
