package dev.gazette.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.audit.Audit;
import dev.gazette.audit.AuditAction;
import dev.gazette.core.DomainException;
import dev.gazette.core.DomainException.Kind;
import dev.gazette.core.SqlTimes;

/**
 * What an admin does to accounts: find them, disable and enable them, change their role, log them
 * out everywhere. Each change is in the audit log. An admin never does these to their own account
 * ({@code own_account}), so the platform always keeps the admin acting.
 */
@ApplicationScoped
class AccountAdministration {

    static final int PAGE = 50;

    /** An account as the admin's list shows it. */
    record Line(long id, String email, String name, Role role, Instant createdAt, Instant disabledAt, long liveTokens,
            Instant lastSeen) {
        public boolean disabled() {
            return disabledAt != null;
        }

        public boolean admin() {
            return role == Role.admin;
        }
    }

    /** A page of accounts, newest first, and the id to ask the next page before. */
    record Page(List<Line> lines, Optional<Long> next) {
    }

    private final EntityManager entityManager;
    private final Audit audit;
    private final Clock clock;

    AccountAdministration(EntityManager entityManager, Audit audit, Clock clock) {
        this.entityManager = entityManager;
        this.audit = audit;
        this.clock = clock;
    }

    /** Accounts whose address or name starts with {@code q} (every one without), newest first, before an id. */
    @Transactional
    @SuppressWarnings("unchecked")
    Page search(Caller admin, String q, Long before) {
        requireAdmin(admin);
        String prefix = q == null || q.isBlank() ? "%" : likePrefix(q.strip().toLowerCase(Locale.ROOT));
        // a page of accounts (keyset on id), each with its live sessions and tokens and when one was last used
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT a.id, a.email, a.name, a.role, a.created_at, a.disabled_at,
                       (SELECT count(*) FROM access_token t WHERE t.account_id = a.id AND t.revoked_at IS NULL
                           AND (t.expires_at IS NULL OR t.expires_at > ?3)),
                       (SELECT max(t.last_used_at) FROM access_token t WHERE t.account_id = a.id)
                  FROM account a
                 WHERE (a.email LIKE ?1 ESCAPE '\\' OR lower(a.name) LIKE ?1 ESCAPE '\\') AND a.id < ?2
                 ORDER BY a.id DESC LIMIT ?4""")
                .setParameter(1, prefix).setParameter(2, before == null ? Long.MAX_VALUE : before)
                .setParameter(3, clock.instant()).setParameter(4, PAGE + 1).getResultList();
        List<Line> lines = rows.stream().map(r -> new Line(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                Role.valueOf((String) r[3]), SqlTimes.instant(r[4]), SqlTimes.instant(r[5]), ((Number) r[6]).longValue(),
                SqlTimes.instant(r[7])))
                .toList();
        return lines.size() > PAGE
                ? new Page(lines.subList(0, PAGE), Optional.of(lines.get(PAGE - 1).id()))
                : new Page(lines, Optional.empty());
    }

    /** Disables the account: it cannot log in, and every session and token it holds stops working now. */
    @Transactional
    void disable(Caller admin, long id) {
        Account account = other(admin, id);
        if (account.disabledAt == null) {
            account.disabledAt = clock.instant();
            int revoked = revokeAll(account);
            audit.record(admin, AuditAction.account_disabled, target(account), revoked + " sessions and tokens revoked");
        }
    }

    @Transactional
    void enable(Caller admin, long id) {
        Account account = other(admin, id);
        if (account.disabledAt != null) {
            account.disabledAt = null;
            audit.record(admin, AuditAction.account_enabled, target(account), null);
        }
    }

    /** Makes the account an admin, or a writer again. */
    @Transactional
    void setRole(Caller admin, long id, String role) {
        Role wanted = role == null ? null : switch (role.strip()) {
            case "admin" -> Role.admin;
            case "writer" -> Role.writer;
            default -> null;
        };
        if (wanted == null) {
            throw DomainException.invalidField("role", "invalid_role", "must be writer or admin");
        }
        Account account = other(admin, id);
        if (account.role != wanted) {
            Role was = account.role;
            account.role = wanted; // each request reads the role afresh: it applies to live sessions at once
            audit.record(admin, AuditAction.account_role_changed, target(account), was + " → " + wanted);
        }
    }

    /** Logs the account out everywhere: every live session and API token is revoked. */
    @Transactional
    void revokeSessions(Caller admin, long id) {
        Account account = other(admin, id);
        int revoked = revokeAll(account);
        audit.record(admin, AuditAction.account_sessions_revoked, target(account), revoked + " sessions and tokens revoked");
    }

    private int revokeAll(Account account) {
        return AccessToken.update("revokedAt = ?1 where account.id = ?2 and revokedAt is null", clock.instant(),
                account.id);
    }

    private static Account other(Caller admin, long id) {
        requireAdmin(admin);
        if (admin.accountId() == id) {
            throw new DomainException(Kind.CONFLICT, "own_account",
                    "An admin does not disable, demote or log out their own account here");
        }
        return Account.<Account>findByIdOptional(id)
                .orElseThrow(() -> new DomainException(Kind.NOT_FOUND, "account_not_found", "No such account"));
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw new DomainException(Kind.FORBIDDEN, "forbidden", "Only an admin manages accounts");
        }
    }

    private static String target(Account account) {
        return "account " + account.id + " " + account.email;
    }

    private static String likePrefix(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
