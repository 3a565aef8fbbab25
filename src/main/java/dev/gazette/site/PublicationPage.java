package dev.gazette.site;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import dev.gazette.core.DomainException;
import dev.gazette.core.PageCache;
import dev.gazette.core.PublicResponses;
import dev.gazette.issue.IssueArchive;
import dev.gazette.issue.PaidReaders;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.subscriber.ConsentWording;

/**
 * {@code GET /p/{slug}}: a publication's public page, in its language: its profile, the subscribe
 * form (posting to {@code /p/{slug}/subscribe}), the archive of its sent issues, and other
 * publications of this Gazette. The same for every visitor: kept until the publication changes,
 * and cacheable.
 */
@Path("/p/{slug}")
class PublicationPage {

    static final int OTHERS = 6;

    @CheckedTemplate(basePath = "site")
    static class Templates {
        static native TemplateInstance publication(PublicationRef publication, boolean ko, String consentWording,
                List<ArchiveEntry> archive, List<PublicationRef> others, String joinUrl);
    }

    /** One sent issue in the archive, its date in the publication's zone and language. */
    record ArchiveEntry(String title, String subtitle, String category, String date, String url) {
    }

    private final Publications publications;
    private final IssueArchive issues;
    private final PageCache cache;
    private final PublicResponses responses;
    private final PaidReaders paidReaders;

    PublicationPage(Publications publications, IssueArchive issues, PageCache cache, PublicResponses responses,
            PaidReaders paidReaders) {
        this.paidReaders = paidReaders;
        this.publications = publications;
        this.issues = issues;
        this.cache = cache;
        this.responses = responses;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@PathParam("slug") String slug, @Context Request request) {
        return responses.shared(request, cache.get("publication:" + slug, () -> render(slug)),
                MediaType.TEXT_HTML + "; charset=UTF-8");
    }

    private PageCache.Rendered render(String slug) {
        PublicationRef publication = publications.findPublic(slug).orElseThrow(() -> new DomainException(
                DomainException.Kind.NOT_FOUND, "publication_not_found", "No such publication"));
        boolean ko = ConsentWording.isKorean(publication);
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(ko ? Locale.KOREAN : Locale.ENGLISH).withZone(ZoneId.of(publication.timeZone()));
        List<ArchiveEntry> archive = issues.sentIssues(publication.id()).stream()
                .map(i -> new ArchiveEntry(i.title(), i.subtitle(), i.category(),
                        i.publishedAt() == null ? "" : format.format(i.publishedAt()), i.url()))
                .toList();
        return new PageCache.Rendered(publication.id(), 0, Templates.publication(publication, ko,
                ConsentWording.forForm(publication), archive, publications.othersThan(publication.id(), OTHERS),
                paidReaders.offersPlans(publication.id()) ? "/p/" + publication.slug() + "/join" : null).render());
    }
}
