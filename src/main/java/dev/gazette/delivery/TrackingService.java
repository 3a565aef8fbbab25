package dev.gazette.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.gazette.core.SignedTokens;

/**
 * Records opens and clicks. An event is marked as likely machine-made when it comes from a mail
 * provider's image proxy or a link scanner, or within seconds of delivery (privacy proxies fetch
 * every image as the mail arrives), so stats can show human and raw figures apart.
 */
@ApplicationScoped
class TrackingService {

    private static final Duration MACHINE_WINDOW = Duration.ofSeconds(10);
    private static final Pattern MACHINE_AGENT = Pattern.compile(
            ".*(googleimageproxy|yahoomailproxy|bot|crawler|spider|preview|scanner|barracuda|mimecast|proofpoint"
                    + "|python-requests|curl/|wget/|java/|go-http-client|headless).*");

    private final SignedTokens tokens;
    private final EntityManager entityManager;
    private final Clock clock;

    TrackingService(SignedTokens tokens, EntityManager entityManager, Clock clock) {
        this.tokens = tokens;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Records an open; a forged or foreign token records nothing. */
    void open(String token, String userAgent) {
        tokens.verifyId(LinkTracker.OPEN, token).ifPresent(delivery -> record(delivery, "open", null, userAgent));
    }

    /** The recorded link a click token leads to, after recording the click; empty for anything else. */
    Optional<String> click(String token, String userAgent) {
        Optional<String> subject = tokens.verify(LinkTracker.CLICK, token);
        if (subject.isEmpty() || subject.get().indexOf(':') < 0) {
            return Optional.empty();
        }
        String[] parts = subject.get().split(":");
        long delivery = Long.parseLong(parts[0]);
        long link = Long.parseLong(parts[1]);
        Optional<String> url = QuarkusTransaction.requiringNew().call(() -> {
            // only a link recorded for the issue this delivery belongs to
            List<?> rows = entityManager.createNativeQuery("""
                    SELECT l.url FROM issue_link l
                      JOIN send s ON s.issue_id = l.issue_id
                      JOIN delivery d ON d.send_id = s.id
                     WHERE d.id = ?1 AND l.id = ?2""").setParameter(1, delivery).setParameter(2, link).getResultList();
            return rows.isEmpty() ? Optional.<String>empty() : Optional.of((String) rows.get(0));
        });
        url.ifPresent(u -> record(delivery, "click", link, userAgent));
        return url;
    }

    private void record(long delivery, String kind, Long link, String userAgent) {
        Instant now = clock.instant();
        boolean agentIsMachine = userAgent == null || userAgent.isBlank()
                || MACHINE_AGENT.matcher(userAgent.toLowerCase(Locale.ROOT)).matches();
        // a delivery not yet recorded as sent was handed to the relay moments ago: as machine-like as it gets
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                INSERT INTO tracking_event (delivery_id, kind, link_id, machine, at)
                SELECT d.id, ?2, ?3, ?4 OR d.sent_at IS NULL OR d.sent_at > ?5, ?6 FROM delivery d WHERE d.id = ?1""")
                .setParameter(1, delivery).setParameter(2, kind).setParameter(3, link).setParameter(4, agentIsMachine)
                .setParameter(5, now.minus(MACHINE_WINDOW)).setParameter(6, now).executeUpdate());
    }
}
