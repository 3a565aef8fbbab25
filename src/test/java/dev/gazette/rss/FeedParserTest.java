package dev.gazette.rss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** RSS 0.91, 1.0 and 2.0 and Atom read into items with a stable identity, their HTML sanitized. */
class FeedParserTest {

    private static FeedParser.Parsed parse(String xml) throws FeedParser.NotAFeed {
        return FeedParser.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void atomEntriesAreKeyedByTheirIdWithTheirContent() throws Exception {
        FeedParser.Parsed feed = parse(
                """
                        <?xml version="1.0" encoding="utf-8"?>
                        <feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Jieun&amp;#39;s notes</title>
                          <id>urn:uuid:feed</id><updated>2026-11-20T09:00:00Z</updated>
                          <entry><id>tag:blog.example.com,2026:1</id><title>봄 &lt;소식&gt;</title>
                            <link rel="alternate" href="https://blog.example.com/spring"/>
                            <published>2026-11-19T08:00:00Z</published><updated>2026-11-20T08:00:00Z</updated>
                            <author><name>Jieun</name></author>
                            <content type="html">&lt;p&gt;Hello &lt;a href="/about"&gt;me&lt;/a&gt;&lt;script&gt;x()&lt;/script&gt;&lt;/p&gt;</content>
                          </entry>
                        </feed>""");
        assertThat(feed.title()).isEqualTo("Jieun's notes");
        FeedParser.Item item = feed.items().get(0);
        assertThat(item.identity()).isEqualTo("tag:blog.example.com,2026:1");
        assertThat(item.key()).hasSize(64);
        assertThat(item.title()).isEqualTo("봄 <소식>");
        assertThat(item.link()).isEqualTo("https://blog.example.com/spring");
        assertThat(item.author()).isEqualTo("Jieun");
        assertThat(item.publishedAt()).isEqualTo(Instant.parse("2026-11-19T08:00:00Z"));
        assertThat(item.contentHtml()).contains("Hello").contains("href=\"https://blog.example.com/about\"")
                .doesNotContain("script");
    }

    @Test
    void rss1AndRss091ItemsAreReadToo() throws Exception {
        FeedParser.Parsed rdf = parse("""
                <?xml version="1.0"?>
                <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
                  <channel rdf:about="https://blog.example.com/"><title>RDF blog</title><link>https://blog.example.com/</link>
                    <description>d</description></channel>
                  <item rdf:about="https://blog.example.com/one"><title>One</title><link>https://blog.example.com/one</link>
                    <description>first</description></item>
                </rdf:RDF>""");
        assertThat(rdf.title()).isEqualTo("RDF blog");
        assertThat(rdf.items()).singleElement().satisfies(i -> {
            assertThat(i.title()).isEqualTo("One");
            assertThat(i.identity()).isEqualTo("https://blog.example.com/one");
        });
        FeedParser.Parsed old = parse("""
                <?xml version="1.0"?>
                <rss version="0.91"><channel><title>Old blog</title><link>https://old.example.com/</link>
                  <description>d</description><language>en</language>
                  <item><title>Ancient</title><link>https://old.example.com/a</link><description>text</description></item>
                </channel></rss>""");
        assertThat(old.items()).singleElement().satisfies(i -> assertThat(i.identity()).isEqualTo("https://old.example.com/a"));
    }

    @Test
    void anItemWithoutGuidOrLinkIsKeyedByItsTitleAndContent() throws Exception {
        String xml = """
                <rss version="2.0"><channel><title>t</title><link>https://x.example/</link><description>d</description>
                  <item><title>Same</title><description>body</description><pubDate>%s</pubDate></item>
                </channel></rss>""";
        FeedParser.Item first = parse(xml.formatted("Fri, 20 Nov 2026 09:00:00 GMT")).items().get(0);
        FeedParser.Item redated = parse(xml.formatted("Sat, 21 Nov 2026 09:00:00 GMT")).items().get(0);
        assertThat(first.identity()).startsWith("hash:");
        assertThat(redated.key()).isEqualTo(first.key());
        // a link that is not http(s) never reaches mail
        FeedParser.Item script = parse("""
                <rss version="2.0"><channel><title>t</title><link>https://x.example/</link><description>d</description>
                  <item><title>S</title><link>javascript:alert(1)</link><guid>g</guid></item></channel></rss>""").items()
                .get(0);
        assertThat(script.link()).isNull();
    }

    @Test
    void aDocumentTypeOrSomethingElseIsNotAFeed() {
        assertThrows(FeedParser.NotAFeed.class, () -> parse("""
                <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <rss version="2.0"><channel><title>&x;</title></channel></rss>"""));
        assertThrows(FeedParser.NotAFeed.class, () -> parse("<html><body>not a feed</body></html>"));
        assertThrows(FeedParser.NotAFeed.class, () -> parse("{\"json\": true}"));
    }
}
