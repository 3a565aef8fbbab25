package dev.gazette.account;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** How other features reach an account's holder, for example to tell a writer about a new comment. */
@ApplicationScoped
public class AccountContacts {

    public record Contact(long accountId, String email, String name) {
    }

    @Transactional
    public Optional<Contact> find(long accountId) {
        return Account.<Account>findByIdOptional(accountId).map(a -> new Contact(a.id, a.email, a.name));
    }
}
