package dev.gazette.core;

import java.util.Locale;

/** The language a page speaks to a person: Korean or English, Gazette's two. */
public final class Languages {

    private Languages() {
    }

    /**
     * {@code ko} when the browser puts Korean before English in its {@code Accept-Language}
     * header, {@code en} otherwise.
     */
    public static String of(String acceptLanguage) {
        if (acceptLanguage == null) {
            return "en";
        }
        for (String range : acceptLanguage.split(",")) {
            String tag = range.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (tag.startsWith("ko")) {
                return "ko";
            }
            if (tag.startsWith("en")) {
                return "en";
            }
        }
        return "en";
    }
}
