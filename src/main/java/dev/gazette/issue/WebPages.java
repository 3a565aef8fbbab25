package dev.gazette.issue;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.qute.RawString;
import jakarta.enterprise.context.ApplicationScoped;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import dev.gazette.core.GazetteConfig;
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
            String ogImage, String feedUrl, String subscribeAction, RawString readerSections) {
    }

    private final IssueArchive archive;
    private final ReaderSections readerSections;
    private final GazetteConfig gazette;

    WebPages(IssueArchive archive, ReaderSections readerSections, GazetteConfig gazette) {
        this.archive = archive;
        this.readerSections = readerSections;
        this.gazette = gazette;
    }

    /**
     * The page, counting this view; 404 {@code issue_not_found} for anything not published.
     *
     * @param readerToken the reader's token from their email's link, or null
     */
    Page page(String publicationSlug, String issueSlug, String readerToken, String clientAddress, String userAgent) {
        IssueArchive.Published published = archive.find(publicationSlug, issueSlug)
                .orElseThrow(IssueErrors::issueNotFound);
        PublicationRef publication = published.publication();
        Issue issue = published.issue();
        long views = archive.view(issue.id, clientAddress, userAgent);
        ReaderSections.Sections reader = readerSections.sections(new ReaderSections.PageContext(publication.id(), issue.id,
                publication.slug(), issue.slug, publication.locale(), readerToken, clientAddress, userAgent));
        return page(publication, issue, views, reader.likes(), reader.html());
    }

    /**
     * The web version as it will look once published, for the writer: counts no view, and shows no
     * readers' likes or comments.
     */
    Page preview(PublicationRef publication, Issue issue) {
        return page(publication, issue, issue.viewCount, 0, new RawString(""));
    }

    private Page page(PublicationRef publication, Issue issue, long views, long likes, RawString readerHtml) {
        Document body = Jsoup.parseBodyFragment(Markdown.toHtml(issue.bodyMarkdown));
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
        String publicationUrl = gazette.baseUrl().resolve("/p/" + publication.slug()).toString();
        List<Other> others = archive.others(publication.id()).stream()
                .map(p -> new Other(p.name(), p.tagline(), gazette.baseUrl().resolve("/p/" + p.slug()).toString()))
                .toList();
        Texts t = Texts.of(publication.locale());
        return new Page(t, t.lang(), publication.name(), publication.tagline(), publicationUrl,
                publication.copyrightNotice(), issue.category, issue.title, issue.subtitle,
                IssueRenderer.formatDate(IssueArchive.publishedAt(issue), publication),
                IssueArchive.publishedAt(issue).truncatedTo(ChronoUnit.SECONDS).toString(), views, likes,
                new RawString(body.body().html()), sections,
                others,
                archive.archived(issue, publication).url(), description,
                firstImage == null
                        ? null
                        : firstImage.absUrl("src").isEmpty() ? firstImage.attr("src") : firstImage.absUrl("src"),
                publicationUrl + "/feed.xml", "/p/" + publication.slug() + "/subscribe", readerHtml);
    }
}
