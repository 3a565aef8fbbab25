package dev.gazette.subscriber;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The pages of {@code templates/subscriber/}, shown to subscribers. */
@CheckedTemplate(basePath = "subscriber")
final class PageTemplates {

    private PageTemplates() {
    }

    static native TemplateInstance notice(Notice notice);

    static native TemplateInstance confirmPage(Notice notice, String token, String csrf);

    static native TemplateInstance keepPage(Notice notice, String token, String csrf);

    static native TemplateInstance unsubscribe(Notice notice, String token, boolean unsubscribed);

    static native TemplateInstance preferences(Notice notice, String token, LinkPages.PreferencesView view, boolean saved,
            String unsubscribeUrl, io.quarkus.qute.RawString sections);
}
