package dev.gazette.subscriber;

import dev.gazette.publication.PublicationRef;

/**
 * The consent text the subscribe form shows, in the publication's language. The page shows exactly
 * this text and the ledger records exactly this text, so what was agreed to is never in doubt.
 */
public final class ConsentWording {

    static final String WRITER_ATTESTED = "Consent attested by the writer";

    private ConsentWording() {
    }

    public static String forForm(PublicationRef publication) {
        return isKorean(publication)
                ? publication.name() + " 뉴스레터를 이메일로 받겠습니다. 모든 메일에 있는 링크로 언제든 구독을 해지할 수 있습니다."
                : "Send me " + publication.name() + " by email. I can unsubscribe at any time with the link in every email.";
    }

    public static boolean isKorean(PublicationRef publication) {
        return "ko".equals(publication.locale());
    }
}
