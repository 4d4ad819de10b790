package io.stowage.testbackends;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that injects the JVM-wide {@link S3ProxyServer#shared()} server into
 * test constructors, lifecycle methods and test methods.
 *
 * <pre>{@code
 * @ExtendWith(S3ProxyServerExtension.class)
 * class MyS3Test {
 *     @BeforeAll
 *     static void setUp(S3ProxyServer s3) {
 *         endpoint = s3.endpoint();
 *     }
 * }
 * }</pre>
 */
public final class S3ProxyServerExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == S3ProxyServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return S3ProxyServer.shared();
    }
}
