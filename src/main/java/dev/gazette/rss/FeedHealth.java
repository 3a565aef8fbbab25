package dev.gazette.rss;

import java.time.Instant;

import io.quarkus.mailer.Mail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import dev.gazette.account.AccountContacts;
import dev.gazette.core.GazetteConfig;
import dev.gazette.mail.MailKind;
import dev.gazette.mail.TransactionalMail;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * Pauses a feed that has failed for {@code gazette.feeds.pause-after} without one good fetch, and
 * tells the publication's writer once, by transactional mail in the same transaction (like webhook
 * endpoints). Turning the feed on again starts afresh.
 */
@ApplicationScoped
class FeedHealth {

    private static final Logger LOG = Logger.getLogger(FeedHealth.class);

    private final Publications publications;
    private final AccountContacts accounts;
    private final TransactionalMail mails;
    private final GazetteConfig gazette;

    FeedHealth(Publications publications, AccountContacts accounts, TransactionalMail mails, GazetteConfig gazette) {
        this.publications = publications;
        this.accounts = accounts;
        this.mails = mails;
        this.gazette = gazette;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void pause(FollowedFeed feed, Instant now) {
        feed.enabled = false;
        feed.pausedReason = FeedParser.clip("Failing since " + feed.failingSince + ": " + feed.lastError, 500);
        feed.updatedAt = now;
        LOG.warnf("Followed feed %d is paused: %s", feed.id, feed.pausedReason);
        publications.findById(feed.publicationId).ifPresent(p -> tellWriter(p, feed));
    }

    private void tellWriter(PublicationRef publication, FollowedFeed feed) {
        boolean ko = "ko".equals(publication.locale());
        String page = gazette.baseUrl() + "/studio/publications/" + publication.slug() + "/feeds/" + feed.id;
        String subject = "[" + publication.name() + "] " + (ko ? "구독한 피드를 멈췄어요" : "A followed feed was paused");
        String text = (ko
                ? "이 피드를 오랫동안 가져오지 못해 멈춰 두었어요: "
                : "Gazette could not fetch this feed for a long time and has paused it: ") + feed.url + "\n\n"
                + (ko ? "마지막 오류: " : "Last error: ") + feed.lastError + "\n\n"
                + (ko ? "고친 뒤 다시 켜 주세요: " : "Fix it and turn the feed on again: ") + page + "\n";
        accounts.find(publication.ownerId()).ifPresent(writer -> mails.record(
                Mail.withText(writer.email(), subject.replaceAll("[\\r\\n]+", " "), text),
                TransactionalMail.Origin.of(MailKind.writer_notice, "feed:" + feed.id).publication(publication.id())));
    }
}
