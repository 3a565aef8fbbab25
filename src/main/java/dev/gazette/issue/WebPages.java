package dev.gazette.issue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import dev.gazette.core.GazetteConfig;
import dev.gazette.core.PageCache;
import dev.gazette.core.PublicChanges;
import dev.gazette.publication.PublicationRef;

/**
 * The web version of a published issue, as on the seed page: what the page template needs, built
 * from the issue, its publication and the other publications of the platform.
 */
@ApplicationScoped
class WebPages {

    record Section(String id, String title) {
    }

    record Other(String name, String tagline, String url) {
    }

    record Page(Texts t, String lang, String publicationName, String publicationTagline, String publicationUrl,
            String copyright, String category, String title, String subtitle, String date, String isoDate, long views,
            long likes, RawString body, List<Section> sections, List<Other> others, String canonical, String description,
            String ogImage, String feedUrl, String subscribeAction, RawString readerSections, Paywalled paywall) {
    }

    /**
     * What a reader who misses part of the issue is told: null when they read all of it. {@code
     * subscribe}: a stranger on an issue for subscribers, asked to subscribe; otherwise asked to
     * become a paid member at {@code joinUrl}.
     */
    record Paywalled(boolean subscribe, String joinUrl, Paywall.Words words) {
    }

    @CheckedTemplate(basePath = "issue")
    static class Templates {
        static native TemplateInstance web(Page page);
    }

    /** What an issue's Markdown gives its page, computed once per version of the issue. */
    private record Body(RawString html, List<Section> sections, String description, String ogImage) {
    }

    private final IssueArchive archive;
    private final ReaderSections readerSections;
    private final PaidReaders paidReaders;
    private final GazetteConfig gazette;
    private final PageCache cache;
    // by issue id, version and last change: an edit makes a new key, and the old one ages out
    private final Cache<String, Body> bodies = Caffeine.newBuilder().maximumSize(500).build();
    // the other publications of the platform, by publication id; a change to any publication forgets them all
    private final Cache<Long, List<Other>> others = Caffeine.newBuilder().maximumSize(1000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();

    WebPages(IssueArchive archive, ReaderSections readerSections, PaidReaders paidReaders, GazetteConfig gazette,
            PageCache cache, PublicChanges changes) {
        this.paidReaders = paidReaders;
        this.archive = archive;
        this.readerSections = readerSections;
        this.gazette = gazette;
        this.cache = cache;
        changes.onChange(changed -> {
            if (PublicChanges.EVERYTHING.equals(changed)) {
                others.invalidateAll();
            }
        });
    }

    /**
     * The page every reader without a token gets alike, kept until the issue, its comments or its
     * likes change; 404 {@code issue_not_found} for anything not published. Its forms get their
     * CSRF token, and the reader their like, from the page's script. It is made for a stranger, so it
     * never holds what is kept for subscribers or paid members.
     */
    PageCache.Page shared(String publicationSlug, String issueSlug) {
        return cache.get("issue:" + publicationSlug + "/" + issueSlug, () -> {
            IssueArchive.Published published = archive.find(publicationSlug, issueSlug)
                    .orElseThrow(IssueErrors::issueNotFound);
            PublicationRef publication = published.publication();
            Issue issue = published.issue();
            ReaderSections.Sections reader = readerSections.sections(new ReaderSections.PageContext(publication.id(),
                    issue.id, publication.slug(), issue.slug, publication.locale(), null, null, null, true));
            String html = Templates.web(page(publication, issue, issue.viewCount, reader.likes(), reader.html(),
                    Paywall.ReaderLevel.STRANGER, null)).render();
            return new PageCache.Rendered(publication.id(), issue.id, html);
        });
    }

    /**
     * The page as one reader sees it: the one who came from their email with their token, or the
     * writer logged in on this site; 404 {@code issue_not_found} for anything not published.
     *
     * @param readerToken the reader's token from their email's link, or null
     */
    Personal personal(String publicationSlug, String issueSlug, String readerToken, String clientAddress,
            String userAgent) {
        IssueArchive.Published published = archive.find(publicationSlug, issueSlug)
                .orElseThrow(IssueErrors::issueNotFound);
        PublicationRef publication = published.publication();
        Issue issue = published.issue();
        ReaderSections.Sections reader = readerSections.sections(new ReaderSections.PageContext(publication.id(), issue.id,
                publication.slug(), issue.slug, publication.locale(), readerToken, clientAddress, userAgent, false));
        Paywall.ReaderLevel level = paidReaders.level(publication.id(), readerToken);
        return new Personal(issue.id,
                page(publication, issue, issue.viewCount, reader.likes(), reader.html(), level, readerToken));
    }

    record Personal(long issueId, Page page) {
    }

    /**
     * The web version as it will look once published, for the writer: counts no view, and shows no
     * readers' likes or comments.
     */
    Page preview(PublicationRef publication, Issue issue) {
        return page(publication, issue, issue.viewCount, 0, new RawString(""), Paywall.ReaderLevel.MEMBER, null);
    }

    /** The issue's HTML and its description (the subtitle, or else its opening), as its web version shows them. */
    record Content(String html, String description) {
    }

    /** As a stranger reads it: what the feed carries, never a part kept for subscribers or members. */
    Content content(Issue issue) {
        Body body = body(issue, Paywall.ReaderLevel.STRANGER);
        return new Content(body.html().getValue(), body.description());
    }

    private Body body(Issue issue, Paywall.ReaderLevel level) {
        return bodies.get(issue.id + ":" + issue.version + ":" + issue.updatedAt + ":" + issue.bodyMarkdown.hashCode()
                + ":" + java.util.Objects.hashCode(issue.subtitle) + ":" + issue.access + ":" + level,
                key -> render(issue, Paywall.visible(issue.bodyMarkdown, issue.access, level)));
    }

    private Page page(PublicationRef publication, Issue issue, long views, long likes, RawString readerHtml,
            Paywall.ReaderLevel level, String readerToken) {
        Body body = body(issue, level);
        Paywalled paywall = !Paywall.cut(issue.bodyMarkdown, issue.access, level)
                ? null
                : new Paywalled(issue.access == IssueAccess.subscribers && level == Paywall.ReaderLevel.STRANGER,
                        paidReaders.joinPath(publication.slug(), issue.slug, readerToken),
                        Paywall.Words.of(publication.locale()));
        String publicationUrl = gazette.baseUrl().resolve("/p/" + publication.slug()).toString();
        List<Other> others = this.others.get(publication.id(), id -> archive.others(id).stream()
                .map(p -> new Other(p.name(), p.tagline(), gazette.baseUrl().resolve("/p/" + p.slug()).toString()))
                .toList());
        Texts t = Texts.of(publication.locale());
        return new Page(t, t.lang(), publication.name(), publication.tagline(), publicationUrl,
                publication.copyrightNotice(), issue.category, issue.title, issue.subtitle,
                IssueRenderer.formatDate(IssueArchive.publishedAt(issue), publication),
                IssueArchive.publishedAt(issue).truncatedTo(ChronoUnit.SECONDS).toString(), views, likes,
                body.html(), body.sections(), others, archive.archived(issue, publication).url(), body.description(),
                body.ogImage(), publicationUrl + "/feed.xml", "/p/" + publication.slug() + "/subscribe", readerHtml,
                paywall);
    }

    /** The page's body from the part of the Markdown this reader may read. */
    private static Body render(Issue issue, String markdown) {
        Document body = Jsoup.parseBodyFragment(Markdown.toHtml(markdown));
        body.outputSettings().prettyPrint(false);
        List<Section> sections = new ArrayList<>();
        for (Element heading : body.select("h1[id], h2[id], h3[id]")) {
            sections.add(new Section(heading.id(), heading.text()));
        }
        Element firstImage = body.selectFirst("img[src]");
        String text = body.text();
        String description = issue.subtitle != null
                ? issue.subtitle
                : text.length() > 160 ? text.substring(0, 157) + "..." : text;
        String ogImage = firstImage == null
                ? null
                : firstImage.absUrl("src").isEmpty() ? firstImage.attr("src") : firstImage.absUrl("src");
        return new Body(new RawString(body.body().html()), List.copyOf(sections), description, ogImage);
    }
}
