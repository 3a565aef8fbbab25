package dev.gazette.core;

/** Where a form may send a browser back to: only a path on this site, never an open redirect. */
public final class LocalPaths {

    private LocalPaths() {
    }

    /** {@code path} when it is a path of this site, else {@code fallback}. */
    public static String orElse(String path, String fallback) {
        if (path == null || !path.startsWith("/") || path.startsWith("//") || path.contains("\\")
                || path.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return fallback;
        }
        try {
            java.net.URI.create(path);
            return path;
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
