package dev.gazette.engagement;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.core.DomainException;
import dev.gazette.core.GazetteConfig;
import dev.gazette.core.SignedTokens;
import dev.gazette.issue.ArchivedIssue;
import dev.gazette.issue.IssueArchive;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.subscriber.Readers;
import dev.gazette.subscriber.Readers.Reader;

/**
 * Who and what a reader acts on: the published issue behind a page's slugs, the subscriber behind
 * the {@code r} token of their email's link, and the signed links of this feature's own mails.
 */
@ApplicationScoped
class ReaderLinks {

    /** The purpose of the {@code r} token that names a subscriber on an issue's web page. */
    static final String READER = "issue-reader";

    record Target(PublicationRef publication, ArchivedIssue issue) {
    }

    private final Publications publications;
    private final IssueArchive issues;
    private final Readers readers;
    private final SignedTokens tokens;
    private final GazetteConfig gazette;

    ReaderLinks(Publications publications, IssueArchive issues, Readers readers, SignedTokens tokens,
            GazetteConfig gazette) {
        this.publications = publications;
        this.issues = issues;
        this.readers = readers;
        this.tokens = tokens;
        this.gazette = gazette;
    }

    /** A published issue of an active publication, or 404 {@code issue_not_found}. */
    Target target(String publicationSlug, String issueSlug) {
        PublicationRef publication = publication(publicationSlug);
        ArchivedIssue issue = issues.findPublished(publication, issueSlug).orElseThrow(ReaderLinks::issueNotFound);
        return new Target(publication, issue);
    }

    Optional<ArchivedIssue> issue(PublicationRef publication, long issueId) {
        return issues.findPublished(publication, issueId);
    }

    /** An active publication, or 404 {@code publication_not_found}. */
    PublicationRef publication(String slug) {
        return publications.findPublic(slug).orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND,
                "publication_not_found", "No such publication"));
    }

    Optional<PublicationRef> publicationById(long id) {
        return publications.findById(id);
    }

    /** The active subscriber a reader token stands for, in this publication; empty for anything else. */
    Optional<Reader> reader(long publicationId, String readerToken) {
        if (readerToken == null || readerToken.isBlank()) {
            return Optional.empty();
        }
        return tokens.verifyId(READER, readerToken)
                .flatMap(id -> readers.active(publicationId, id));
    }

    /** The web version of an issue as this subscriber: what their email's tip and comment links open. */
    String readerPath(String publicationSlug, String issueSlug, Long subscriberId) {
        String page = "/p/" + publicationSlug + "/" + issueSlug;
        return subscriberId == null ? page : page + "?r=" + tokens.sign(READER, subscriberId);
    }

    String url(String path) {
        return gazette.baseUrl().resolve(path).toString();
    }

    /** A redirect's target: our own pages by path (right behind any proxy or port), others as they are. */
    String redirect(String url) {
        String base = gazette.baseUrl().resolve("/").toString();
        return url.startsWith(base) ? url.substring(base.length() - 1) : url;
    }

    static DomainException issueNotFound() {
        return new DomainException(DomainException.Kind.NOT_FOUND, "issue_not_found", "No such issue");
    }
}
