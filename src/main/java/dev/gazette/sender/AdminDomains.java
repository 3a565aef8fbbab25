package dev.gazette.sender;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.gazette.account.AccountContacts;
import dev.gazette.account.Caller;
import dev.gazette.audit.Audit;
import dev.gazette.audit.AuditAction;
import dev.gazette.core.DomainException;
import dev.gazette.core.DomainException.Kind;

/**
 * Every writer's sender domains for admins, with owner and state, and revoking one: the domain
 * stops signing and its writer's publications go From the platform's address at once (this
 * instance at once, others within {@code gazette.domains.cache-refresh}). Audit-logged.
 */
@ApplicationScoped
class AdminDomains {

    private final DomainService domains;
    private final AccountContacts accounts;
    private final Audit audit;
    private final Event<DomainsChanged> changed;

    AdminDomains(DomainService domains, AccountContacts accounts, Audit audit, Event<DomainsChanged> changed) {
        this.domains = domains;
        this.accounts = accounts;
        this.audit = audit;
        this.changed = changed;
    }

    @Transactional
    List<DomainView> list() {
        // the revoked ones last: they are history
        return SenderDomain.<SenderDomain>list("order by domain").stream()
                .sorted(Comparator.comparing(d -> d.state == SenderDomain.State.revoked))
                .map(d -> domains.view(d, owner(d))).toList();
    }

    @Transactional
    DomainView revoke(Caller admin, long id, String reason) {
        SenderDomain d = SenderDomain.<SenderDomain>find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional()
                .orElseThrow(() -> new DomainException(Kind.NOT_FOUND, "domain_not_found", "No such sender domain"));
        if (d.state == SenderDomain.State.revoked) {
            throw new DomainException(Kind.CONFLICT, "domain_revoked", "This domain is revoked already");
        }
        d.state = SenderDomain.State.revoked;
        d.revokedReason = reason.strip();
        audit.record(admin, AuditAction.sender_domain_revoked, "sender domain " + d.id,
                d.domain + " of account " + d.accountId + ": " + d.revokedReason);
        changed.fire(new DomainsChanged());
        return domains.view(d, owner(d));
    }

    private String owner(SenderDomain d) {
        return accounts.find(d.accountId).map(AccountContacts.Contact::email).orElse("");
    }
}
