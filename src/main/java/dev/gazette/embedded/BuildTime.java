package dev.gazette.embedded;

/**
 * Quarkus also calls config source factories while it builds the application (packaging and
 * dev-mode reloads). Nothing embedded may start then: the build must not own a database or a port.
 */
final class BuildTime {

    private BuildTime() {
    }

    static boolean isNow() {
        return StackWalker.getInstance()
                .walk(frames -> frames.anyMatch(f -> f.getClassName().startsWith("io.quarkus.deployment.")));
    }
}
