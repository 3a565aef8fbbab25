package dev.gazette.subscriber;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the subscriber API and pages return. */
final class SubscriberViews {

    private SubscriberViews() {
    }

    record SubscriberView(long id, String email, String name, SubscriberStatus status, List<String> tags,
            Map<String, Object> attributes, Instant createdAt, Instant confirmedAt, Instant unsubscribedAt) {
    }

    record SubscriberPage(List<SubscriberView> items, int page, int size, long total) {
    }

    record ImportReport(long created, long updated, long skipped, List<LineError> errors, long errorCount) {
    }

    record LineError(long line, String code) {
    }

    record ConsentView(String source, String method, Instant givenAt, String ip, String wording,
            String policyVersion, String note, Instant confirmedAt, String confirmationIp, Instant withdrawnAt) {
        static ConsentView of(Consent c) {
            return new ConsentView(c.source, c.method, c.givenAt, c.ip, c.wording, c.policyVersion, c.note,
                    c.confirmedAt, c.confirmationIp, c.withdrawnAt);
        }
    }

    /**
     * Everything Gazette holds about one subscriber, for the subscriber: the data export. {@code
     * activity} holds what the other features keep (comments, tips, notes, feedback, likes,
     * deliveries, opens, clicks), by section.
     */
    record DataExport(Instant exportedAt, PublicationInfo publication, SubscriberView subscriber,
            List<ConsentView> consents, Map<String, List<Map<String, Object>>> activity) {
    }

    record PublicationInfo(String slug, String name) {
    }

    record Topic(String tag, String label, boolean selected) {
    }

    record TopicView(String tag, String label) {
    }

    /** The JSON answer of the public subscribe endpoint: the same whatever the address. */
    record SubscribeAnswer(String status, String message) {
    }
}
