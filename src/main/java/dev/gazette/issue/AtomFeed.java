package dev.gazette.issue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.core.DomainException;
import dev.gazette.core.GazetteConfig;
import dev.gazette.core.PageCache;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * A publication's latest published issues as an Atom feed (RFC 4287), written by an XML writer so
 * it is always well-formed. Each entry carries the issue whole (its HTML as the web version shows
 * it), its summary (the subtitle, or else the opening), its category and author, and an id that
 * stays the same whatever becomes of the issue's or the publication's address.
 */
@ApplicationScoped
class AtomFeed {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    // whole issues are long: as many as feed readers usually take in
    private static final int MAX_ENTRIES = 20;

    private final Publications publications;
    private final IssueArchive archive;
    private final WebPages pages;
    private final GazetteConfig gazette;
    private final Clock clock;

    AtomFeed(Publications publications, IssueArchive archive, WebPages pages, GazetteConfig gazette, Clock clock) {
        this.publications = publications;
        this.archive = archive;
        this.pages = pages;
        this.gazette = gazette;
        this.clock = clock;
    }

    PageCache.Rendered feed(String publicationSlug) {
        PublicationRef publication = publications.findPublic(publicationSlug).orElseThrow(
                () -> new DomainException(DomainException.Kind.NOT_FOUND, "publication_not_found", "No such publication"));
        List<Issue> issues = archive.latest(publication.id(), MAX_ENTRIES);
        String page = gazette.baseUrl().resolve("/p/" + publication.slug()).toString();
        Instant updated = issues.isEmpty() ? clock.instant() : latestChange(issues);
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            xml.writeAttribute("xml:lang", publication.locale());
            text(xml, "id", id("publication", publication.id()));
            text(xml, "title", publication.name());
            if (publication.tagline() != null) {
                text(xml, "subtitle", publication.tagline());
            }
            text(xml, "updated", stamp(updated));
            link(xml, "alternate", page, "text/html");
            link(xml, "self", page + "/feed.xml", "application/atom+xml");
            author(xml, publication, page);
            text(xml, "generator", "Gazette");
            if (publication.copyrightNotice() != null) {
                text(xml, "rights", publication.copyrightNotice());
            }
            for (Issue issue : issues) {
                ArchivedIssue archived = archive.archived(issue, publication);
                WebPages.Content content = pages.content(issue);
                xml.writeStartElement("entry");
                text(xml, "id", id("issue", issue.id));
                text(xml, "title", issue.title);
                text(xml, "published", stamp(archived.publishedAt()));
                text(xml, "updated", stamp(changed(issue)));
                link(xml, "alternate", archived.url(), "text/html");
                author(xml, publication, page);
                if (issue.category != null) {
                    xml.writeEmptyElement("category");
                    xml.writeAttribute("term", issue.category);
                }
                if (!content.description().isBlank()) {
                    text(xml, "summary", content.description());
                }
                xml.writeStartElement("content");
                xml.writeAttribute("type", "html");
                xml.writeCharacters(content.html());
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return new PageCache.Rendered(publication.id(), 0, out.toString());
    }

    /**
     * An id for ever: a name-based UUID of this Gazette's address and the row's id, so that a feed
     * reader never shows an issue twice, even if its publication's address changes.
     */
    private String id(String kind, long id) {
        String name = gazette.baseUrl() + "#" + kind + "/" + id;
        return "urn:uuid:" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private static Instant changed(Issue issue) {
        Instant published = IssueArchive.publishedAt(issue);
        return issue.updatedAt != null && issue.updatedAt.isAfter(published) ? issue.updatedAt : published;
    }

    private static Instant latestChange(List<Issue> issues) {
        return issues.stream().map(AtomFeed::changed).max(Instant::compareTo).orElseThrow();
    }

    private static void author(XMLStreamWriter xml, PublicationRef publication, String page) throws XMLStreamException {
        xml.writeStartElement("author");
        text(xml, "name", publication.senderName());
        text(xml, "uri", page);
        xml.writeEndElement();
    }

    private static void text(XMLStreamWriter xml, String element, String value) throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
        xml.writeAttribute("type", type);
    }

    private static String stamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
