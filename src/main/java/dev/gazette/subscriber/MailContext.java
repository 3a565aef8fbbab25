package dev.gazette.subscriber;

import dev.gazette.publication.PublicationRef;

/** What every email to a subscriber shows around its content: who sends it, and the way out. */
record MailContext(boolean ko, String publicationName, String tagline, String copyrightNotice,
        String subscriberName, String unsubscribeUrl, String preferencesUrl) {

    static MailContext of(PublicationRef publication, String subscriberName, SubscriberLinks.ListHeaders headers) {
        return new MailContext(ConsentWording.isKorean(publication), publication.name(), publication.tagline(),
                publication.copyrightNotice(), subscriberName, headers.unsubscribeUrl(), headers.preferencesUrl());
    }
}
