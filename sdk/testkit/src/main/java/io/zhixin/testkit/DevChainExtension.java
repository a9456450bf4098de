package io.zhixin.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test a running {@link DevChain}: declare a {@code DevChain} parameter on a test, a
 * lifecycle method or the constructor of a class annotated {@link WithDevChain}.
 *
 * <p>One chain serves the whole test run (starting one per class would cost a second each); it is
 * stopped when the run ends, whether the tests passed or not. Tests should not assume an empty
 * chain: deploy what you need.
 */
public final class DevChainExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DevChainExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == DevChain.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // Stored in the root context so that JUnit closes it (DevChain is AutoCloseable) after the last test.
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(DevChain.class, k -> DevChain.start(), DevChain.class);
  }
}
