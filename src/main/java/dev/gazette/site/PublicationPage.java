package dev.gazette.site;

import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.gazette.core.DomainException;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.subscriber.ConsentWording;

/**
 * {@code GET /p/{slug}}: a publication's public page, in its language: its profile, the subscribe
 * form (posting to {@code /p/{slug}/subscribe}), and other publications of this Gazette. The
 * archive of sent issues is to join it (see the template).
 */
@Path("/p/{slug}")
class PublicationPage {

    static final int OTHERS = 6;

    @CheckedTemplate(basePath = "site")
    static class Templates {
        static native TemplateInstance publication(PublicationRef publication, boolean ko, String consentWording,
                List<PublicationRef> others);
    }

    private final Publications publications;

    PublicationPage(Publications publications) {
        this.publications = publications;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@PathParam("slug") String slug) {
        PublicationRef publication = publications.findPublic(slug).orElseThrow(() -> new DomainException(
                DomainException.Kind.NOT_FOUND, "publication_not_found", "No such publication"));
        return Templates.publication(publication, ConsentWording.isKorean(publication),
                ConsentWording.forForm(publication), publications.othersThan(publication.id(), OTHERS));
    }
}
