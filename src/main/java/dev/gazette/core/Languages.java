package dev.gazette.core;

import java.util.Locale;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

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

    /** The studio's words in this language ({@code ko} or {@code en}), for what a page says outside its template. */
    public static StudioText studio(String lang) {
        return MessageBundles.get(StudioText.class, Localized.Literal.of(lang));
    }

    /** The deliverability warnings' words in this language ({@code ko} or {@code en}). */
    public static DeliverabilityText deliverability(String lang) {
        return MessageBundles.get(DeliverabilityText.class, Localized.Literal.of(lang));
    }

    /** The admin console's words in this language ({@code ko} or {@code en}). */
    public static AdminText admin(String lang) {
        return MessageBundles.get(AdminText.class, Localized.Literal.of(lang));
    }
}
