package dev.gazette.delivery;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.gazette.core.GazetteConfig;
import dev.gazette.core.SignedTokens;
import dev.gazette.issue.IssueRenderer;

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

    /** Stand-ins for tracked links: letters and digits only, so escaping leaves them alone. */
    private static final String STAND_IN = IssueRenderer.STAND_IN_PREFIX + "x7t";
    private static final String OPEN_STAND_IN = STAND_IN + "o9q";
    private static final Pattern STAND_INS = Pattern.compile(Pattern.quote(STAND_IN) + "(?:c([0-9]+)|o)9q");

    /** Beyond this many distinct links in one issue, further links go out untracked. */
    static final int MAX_LINKS_PER_ISSUE = 500;

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

    /** This delivery's HTML with tracking: a signed redirect for each outgoing link, and the open pixel. */
    String track(long issueId, long deliveryId, String html) {
        String tracked = withStandIns(issueId, html);
        for (Map.Entry<String, String> link : links(deliveryId, standIns(tracked)).entrySet()) {
            tracked = tracked.replace(link.getKey(), link.getValue());
        }
        return tracked;
    }

    /**
     * The HTML with a stand-in for each outgoing link and for the open pixel, the same for every
     * delivery of the issue; {@link #links} gives one delivery's links in their place.
     */
    String withStandIns(long issueId, String html) {
        String base = root();
        Matcher m = HREF.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 512);
        while (m.find()) {
            String url = unescape(m.group(1));
            if (url.startsWith(base + "/unsubscribe/") || url.startsWith(base + "/preferences/")
                    || url.startsWith(base + "/feedback/") || url.startsWith(IssueRenderer.STAND_IN_PREFIX)
                    || url.length() > 2048) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            Map<String, Long> known = links.computeIfAbsent(issueId, id -> new ConcurrentHashMap<>());
            if (!known.containsKey(url) && known.size() >= MAX_LINKS_PER_ISSUE) {
                // a writer's template that makes a link per recipient: do not record one per message
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            m.appendReplacement(out, Matcher.quoteReplacement("href=\"" + STAND_IN + "c" + linkId(issueId, url) + "9q\""));
        }
        m.appendTail(out);
        String pixel = "<img src=\"" + OPEN_STAND_IN + "\" width=\"1\" height=\"1\" alt=\"\""
                + " style=\"display:block;border:0;width:1px;height:1px\">";
        int end = out.lastIndexOf("</body>");
        return end < 0 ? out.append(pixel).toString() : out.insert(end, pixel).toString();
    }

    /** The tracking stand-ins in this HTML. */
    static Set<String> standIns(String htmlWithStandIns) {
        Set<String> standIns = new HashSet<>();
        Matcher m = STAND_INS.matcher(htmlWithStandIns);
        while (m.find()) {
            standIns.add(m.group());
        }
        return standIns;
    }

    /** This delivery's signed links in place of these tracking stand-ins. */
    Map<String, String> links(long deliveryId, Set<String> standIns) {
        String base = root();
        Map<String, String> links = new HashMap<>(standIns.size() * 2);
        for (String standIn : standIns) {
            links.put(standIn, standIn.equals(OPEN_STAND_IN)
                    ? base + "/t/o/" + tokens.sign(OPEN, deliveryId)
                    : base + "/t/c/" + tokens.sign(CLICK, deliveryId + ":"
                            + standIn.substring(STAND_IN.length() + 1, standIn.length() - 2), null));
        }
        return links;
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
