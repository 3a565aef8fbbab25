package dev.gazette.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.gazette.core.GazetteConfig;
import dev.gazette.core.SignedTokens;

/**
 * Adds tracking to one delivery's HTML: each outgoing link becomes a signed redirect through
 * {@code /t/c/{token}} (to a link recorded for that issue, so never an open redirect), and an
 * open pixel {@code /t/o/{token}} closes the body. Gazette's own links (unsubscribe, preferences,
 * feedback) stay as they are.
 */
@ApplicationScoped
class LinkTracker {

    static final String OPEN = "track-open";
    static final String CLICK = "track-click";
    private static final Pattern HREF = Pattern.compile("href=\"(https?://[^\"]+)\"", Pattern.CASE_INSENSITIVE);

    private final SignedTokens tokens;
    private final GazetteConfig config;
    private final EntityManager entityManager;
    /** Link ids per issue and URL; links are few per issue and never change once recorded. */
    private final Map<Long, Map<String, Long>> links = new ConcurrentHashMap<>();

    LinkTracker(SignedTokens tokens, GazetteConfig config, EntityManager entityManager) {
        this.tokens = tokens;
        this.config = config;
        this.entityManager = entityManager;
    }

    String track(long issueId, long deliveryId, String html) {
        String base = root();
        Matcher m = HREF.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 512);
        while (m.find()) {
            String escaped = m.group(1);
            String url = unescape(escaped);
            if (url.startsWith(base + "/unsubscribe/") || url.startsWith(base + "/preferences/")
                    || url.startsWith(base + "/feedback/") || url.length() > 2048) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            long linkId = linkId(issueId, url);
            String redirect = base + "/t/c/" + tokens.sign(CLICK, deliveryId + ":" + linkId, null);
            m.appendReplacement(out, Matcher.quoteReplacement("href=\"" + redirect + "\""));
        }
        m.appendTail(out);
        String pixel = "<img src=\"" + base + "/t/o/" + tokens.sign(OPEN, deliveryId) + "\" width=\"1\" height=\"1\" alt=\"\""
                + " style=\"display:block;border:0;width:1px;height:1px\">";
        int end = out.lastIndexOf("</body>");
        return end < 0 ? out.append(pixel).toString() : out.insert(end, pixel).toString();
    }

    void forget(long issueId) {
        links.remove(issueId);
    }

    private long linkId(long issueId, String url) {
        return links.computeIfAbsent(issueId, id -> new ConcurrentHashMap<>()).computeIfAbsent(url,
                u -> QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("""
                        INSERT INTO issue_link (issue_id, url) VALUES (?1, ?2)
                        ON CONFLICT (issue_id, url) DO UPDATE SET url = EXCLUDED.url RETURNING id""")
                        .setParameter(1, issueId).setParameter(2, u).getSingleResult()).longValue()));
    }

    private String root() {
        String base = config.baseUrl().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String unescape(String href) {
        return href.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"");
    }
}
