package dev.gazette.rss;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A blog's feed served by WireMock on 127.0.0.1, started once for the test JVM; each test serves
 * its own path. Items are written as RSS 2.0 here, so each test says exactly what the feed holds.
 */
final class FeedServer {

    private static WireMockServer server;

    private FeedServer() {
    }

    static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    /** A fresh path on the server, and its URL. */
    static String path() {
        return "/feeds/" + UUID.randomUUID() + ".xml";
    }

    static String url(String path) {
        return server().baseUrl() + path;
    }

    /** Serves this body at the path (replacing what was served there). */
    static void serve(String path, String xml) {
        server().stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/rss+xml; charset=utf-8").withBody(xml)));
    }

    /** One RSS item: {@code guid} or {@code link} may be null. */
    record Item(String guid, String link, String title, String html, Instant date) {
        String xml() {
            return "<item>" + (title == null ? "" : "<title>" + escape(title) + "</title>")
                    + (link == null ? "" : "<link>" + escape(link) + "</link>")
                    + (guid == null ? "" : "<guid isPermaLink=\"false\">" + escape(guid) + "</guid>")
                    + (date == null
                            ? ""
                            : "<pubDate>" + DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atOffset(ZoneOffset.UTC))
                                    + "</pubDate>")
                    + (html == null ? "" : "<description>" + escape(html) + "</description>")
                    + "<author>jieun@example.com (Jieun)</author></item>";
        }
    }

    static String rss(Item... items) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
                + "<title>The Blog</title><link>https://blog.example.com/</link><description>posts</description>");
        for (Item item : items) {
            xml.append(item.xml());
        }
        return xml.append("</channel></rss>").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
