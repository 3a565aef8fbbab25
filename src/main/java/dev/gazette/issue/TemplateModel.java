package dev.gazette.issue;

import java.util.Map;

import io.quarkus.qute.RawString;

/**
 * What a template sees, default layout and writer templates alike: plain records built for one
 * render, never entities or services. The writer-facing reference is docs/writer-templates.md.
 */
final class TemplateModel {

    private TemplateModel() {
    }

    /**
     * {@code body} is the issue's Markdown as HTML, already safe, so it is not escaped again;
     * {@code preheader} is the subtitle, or an A/B subject test variant's own preheader.
     */
    record IssueModel(String title, String subtitle, String preheader, String category, String date, String url,
            RawString body) {
    }

    record PublicationModel(String name, String tagline, String copyright, String senderName, String senderEmail,
            String url) {
    }

    record SubscriberModel(String name, String email, Map<String, Object> attributes) {
    }

    record LinksModel(String web, String unsubscribe, String preferences, String feedbackGood, String feedbackOkay,
            String feedbackBad, String coffee, String comments) {
    }
}
