package dev.gazette.subscriber;

import dev.gazette.publication.PublicationRef;

/** A short page telling a subscriber what just happened, in the publication's language. */
record Notice(String lang, String publicationName, String publicationUrl, String title, String message) {

    public boolean ko() {
        return "ko".equals(lang);
    }

    static Notice of(PublicationRef publication, String ko, String koMessage, String en, String enMessage) {
        boolean korean = publication != null && ConsentWording.isKorean(publication);
        return new Notice(korean ? "ko" : "en", publication == null ? "Gazette" : publication.name(),
                publication == null ? "/" : "/p/" + publication.slug(), korean ? ko : en, korean ? koMessage : enMessage);
    }
}
