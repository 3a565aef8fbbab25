package dev.gazette.audit;

import java.sql.Timestamp;
import java.time.Clock;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;

import dev.gazette.core.ClientAddresses;

/**
 * The one hook every feature calls when a writer or an admin changes something: one line in the
 * audit log, written in the transaction of the change (there must be one), so a change that is
 * refused or rolls back leaves no line. Callers pass what was changed by id and a short detail
 * (a reason, a role, counts), never a secret, a password, a token, a mail body or a subscriber's
 * address.
 */
@ApplicationScoped
public class Audit {

    static final int DETAIL_MAX = 500;

    private final EntityManager entityManager;
    private final ClientAddresses clients;
    private final CurrentVertxRequest request;
    private final Clock clock;

    Audit(EntityManager entityManager, ClientAddresses clients, CurrentVertxRequest request, Clock clock) {
        this.entityManager = entityManager;
        this.clients = clients;
        this.request = request;
        this.clock = clock;
    }

    /** A change that concerns no one publication (an account, a legal page). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Actor actor, AuditAction action, String target, String detail) {
        write(actor, action, null, null, target, detail);
    }

    /** A change to a publication or to something of it (an issue, a subscriber, its settings). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Actor actor, AuditAction action, long publicationId, String publicationSlug, String target,
            String detail) {
        write(actor, action, publicationId, publicationSlug, target, detail);
    }

    private void write(Actor actor, AuditAction action, Long publicationId, String slug, String target, String detail) {
        // one line of the log, in the caller's transaction
        entityManager.createNativeQuery("""
                INSERT INTO audit_log (at, actor_id, actor_email, action, publication_id, publication_slug, target,
                                       detail, client_address)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)""").unwrap(NativeQuery.class)
                .setParameter(1, Timestamp.from(clock.instant())).setParameter(2, actor.accountId())
                .setParameter(3, actor.email()).setParameter(4, action.name())
                .setParameter(5, publicationId, Long.class).setParameter(6, slug, String.class)
                .setParameter(7, clip(target, 100), String.class).setParameter(8, clip(detail, DETAIL_MAX), String.class)
                .setParameter(9, clientAddress(), String.class).executeUpdate();
    }

    /** The client of the HTTP request being served, or null when the change comes from no request. */
    private String clientAddress() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        RoutingContext current = request.getCurrent();
        return current == null ? null : clients.of(current.request());
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        String line = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        return line.length() > max ? line.substring(0, max - 1) + "…" : line;
    }
}
