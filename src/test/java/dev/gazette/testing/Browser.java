package dev.gazette.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The browser for browser tests: {@code @ExtendWith(Browser.class)} and a {@link Chromium}
 * parameter. One Chromium serves the whole test run (it starts in about a second and a half, and
 * is closed when the run ends); each test gets it reset. Without Chromium and chromedriver the test
 * is skipped with the reason, except under {@code CI=true}, where that is a failure. Screenshots go
 * to {@code target/screenshots/}.
 */
public final class Browser implements BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Browser.class);
    private static final String INSTALL = "apt-get install -y chromium chromium-driver fonts-nanum";

    @Override
    public void beforeEach(ExtensionContext context) {
        chromium(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Chromium.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return chromium(context);
    }

    private static Chromium chromium(ExtensionContext context) {
        if (!Chromium.installed()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but " + Chromium.CHROMIUM + " or " + Chromium.CHROMEDRIVER
                        + " is missing: " + INSTALL);
            }
            Assumptions.abort("Browser test skipped: " + Chromium.CHROMIUM + " and " + Chromium.CHROMEDRIVER
                    + " are needed (" + INSTALL + ")");
        }
        // the root store outlives every test class, and closes what it holds when the run ends
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent("chromium", key -> {
            try {
                return Chromium.start();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, Chromium.class);
    }
}
