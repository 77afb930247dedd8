package io.xfs.proxy;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the one {@link ProxyCluster} of this JVM (a parameter of a constructor, {@code @BeforeAll} or
 * test method). It starts on first use and is closed when the whole test run ends.
 */
public final class ProxyClusterExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ProxyCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(ProxyCluster.class, type -> start(), ProxyCluster.class);
    }

    private static ProxyCluster start() {
        try {
            return new ProxyCluster();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test cluster", e);
        }
    }
}
