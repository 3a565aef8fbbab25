package dev.gazette.issue;

import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gazette.core.DomainException;
import dev.gazette.core.GazetteConfig;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/** A publication's published issues as an Atom feed (RFC 4287), written by an XML writer so it is always well-formed. */
@ApplicationScoped
class AtomFeed {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final int MAX_ENTRIES = 50;

    private final Publications publications;
    private final IssueArchive archive;
    private final GazetteConfig gazette;
    private final Clock clock;

    AtomFeed(Publications publications, IssueArchive archive, GazetteConfig gazette, Clock clock) {
        this.publications = publications;
        this.archive = archive;
        this.gazette = gazette;
        this.clock = clock;
    }

    @Transactional
    String feed(String publicationSlug) {
        PublicationRef publication = publications.findPublic(publicationSlug).orElseThrow(
                () -> new DomainException(DomainException.Kind.NOT_FOUND, "publication_not_found", "No such publication"));
        List<ArchivedIssue> issues = archive.sentIssues(publication.id());
        issues = issues.subList(0, Math.min(MAX_ENTRIES, issues.size()));
        String page = gazette.baseUrl().resolve("/p/" + publication.slug()).toString();
        Instant updated = issues.isEmpty() ? clock.instant() : issues.get(0).publishedAt();
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            xml.writeAttribute("xml:lang", publication.locale());
            text(xml, "id", page);
            text(xml, "title", publication.name());
            if (publication.tagline() != null) {
                text(xml, "subtitle", publication.tagline());
            }
            text(xml, "updated", stamp(updated));
            link(xml, "alternate", page, "text/html");
            link(xml, "self", page + "/feed.xml", "application/atom+xml");
            xml.writeStartElement("author");
            text(xml, "name", publication.senderName());
            xml.writeEndElement();
            if (publication.copyrightNotice() != null) {
                text(xml, "rights", publication.copyrightNotice());
            }
            for (ArchivedIssue issue : issues) {
                xml.writeStartElement("entry");
                text(xml, "id", issue.url());
                text(xml, "title", issue.title());
                text(xml, "updated", stamp(issue.publishedAt()));
                text(xml, "published", stamp(issue.publishedAt()));
                link(xml, "alternate", issue.url(), "text/html");
                if (issue.category() != null) {
                    xml.writeEmptyElement("category");
                    xml.writeAttribute("term", issue.category());
                }
                if (issue.subtitle() != null) {
                    text(xml, "summary", issue.subtitle());
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
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
