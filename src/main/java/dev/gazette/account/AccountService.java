package dev.gazette.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import dev.gazette.account.AccountViews.AccountView;
import dev.gazette.account.AccountViews.IssuedToken;
import dev.gazette.account.AccountViews.SignupAnswer;
import dev.gazette.account.AccountViews.TokenView;
import dev.gazette.core.DomainException;
import dev.gazette.core.DomainException.Kind;
import dev.gazette.core.EmailAddresses;

/**
 * Signup, login, logout, password change and tokens. Password hashing (slow by design) happens
 * outside database transactions, so that a burst of logins does not hold connections.
 */
@ApplicationScoped
class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class);
    /** last_used_at is a hint, not an audit log: refresh it at most this often per token. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(5);

    private final Passwords passwords;
    private final AuthConfig config;
    private final AccountMails mails;
    private final Clock clock;
    private final LoginFailures failures;

    AccountService(Passwords passwords, AuthConfig config, AccountMails mails, Clock clock, LoginFailures failures) {
        this.passwords = passwords;
        this.config = config;
        this.mails = mails;
        this.clock = clock;
        this.failures = failures;
    }

    /**
     * Creates a writer. An address that already has an account gets the same answer, and its owner
     * an email saying so, so that signup cannot be used to learn who has an account.
     */
    SignupAnswer signup(String email, String password, String name) {
        if (!config.signupOpen()) {
            throw new DomainException(Kind.FORBIDDEN, "signup_closed", "Signup is closed on this Gazette");
        }
        String address = requireEmail(email);
        Passwords.requireAcceptable("password", password);
        String hash = passwords.hash(password);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Optional<Account> existing = Account.byEmail(address);
                if (existing.isPresent()) {
                    mails.signupForExistingAccount(address, existing.get().id); // recorded with this transaction
                } else {
                    newAccount(address, name.strip(), hash, Role.writer).persistAndFlush();
                }
            });
        } catch (PersistenceException raced) {
            // a concurrent signup took the address first: its owner hears of this one too
            QuarkusTransaction.requiringNew().run(() -> Account.byEmail(address)
                    .ifPresent(existing -> mails.signupForExistingAccount(address, existing.id)));
        }
        return new SignupAnswer(address, "created");
    }

    IssuedToken login(String email, String password) {
        Optional<String> address = EmailAddresses.normalize(email);
        Optional<Account> account = address.flatMap(a -> QuarkusTransaction.requiringNew().call(() -> Account.byEmail(a)));
        if (account.isEmpty()) {
            passwords.spendCheckTime(password);
            throw invalidCredentials();
        }
        long id = account.get().id;
        // the hash is checked even when locked, so that a lock takes as long to answer as a wrong password
        boolean matches = passwords.matches(password, account.get().passwordHash);
        if (failures.locked(id)) {
            throw invalidCredentials(); // answered like a wrong password: the lock tells a guesser nothing
        }
        if (!matches) {
            failures.failed(id);
            throw invalidCredentials();
        }
        failures.succeeded(id);
        if (account.get().disabledAt != null) {
            throw new DomainException(Kind.FORBIDDEN, "account_disabled", "This account is disabled: ask an admin");
        }
        return QuarkusTransaction.requiringNew().call(() -> issue(Account.findById(account.get().id),
                AccessToken.Kind.session, "login", clock.instant().plus(config.sessionTtl())));
    }

    /** The caller behind a token, if the token is live; refreshes its last use now and then. */
    Optional<Caller> authenticate(String token) {
        if (!Tokens.looksValid(token)) {
            return Optional.empty();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            Optional<AccessToken> found = AccessToken.<AccessToken>find("tokenHash", Tokens.hash(token))
                    .firstResultOptional()
                    .filter(t -> t.isLive(now) && t.account.disabledAt == null);
            found.filter(t -> t.lastUsedAt == null || t.lastUsedAt.isBefore(now.minus(LAST_USED_RESOLUTION)))
                    .ifPresent(t -> t.lastUsedAt = now);
            return found.map(t -> new Caller(t.account.id, t.account.email, t.account.name, t.account.role, t.id));
        });
    }

    @Transactional
    void logout(Caller caller) {
        AccessToken.update("revokedAt = ?1 where id = ?2 and revokedAt is null", clock.instant(), caller.tokenId());
    }

    /** Changes the password and revokes every session and token; returns a new session. */
    IssuedToken changePassword(Caller caller, String currentPassword, String newPassword) {
        Passwords.requireAcceptable("newPassword", newPassword);
        Account account = QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(caller.accountId()));
        if (!passwords.matches(currentPassword, account.passwordHash)) {
            throw DomainException.invalidField("currentPassword", "wrong_password", "is not the current password");
        }
        String hash = passwords.hash(newPassword);
        return QuarkusTransaction.requiringNew().call(() -> {
            Account fresh = Account.findById(caller.accountId());
            Instant now = clock.instant();
            fresh.passwordHash = hash;
            fresh.passwordChangedAt = now;
            AccessToken.update("revokedAt = ?1 where account.id = ?2 and revokedAt is null", now, fresh.id);
            LOG.infof("Account %d changed its password; all its sessions and tokens are revoked", fresh.id);
            return issue(fresh, AccessToken.Kind.session, "login", now.plus(config.sessionTtl()));
        });
    }

    @Transactional
    AccountView me(Caller caller) {
        return AccountView.of(Account.findById(caller.accountId()));
    }

    @Transactional
    IssuedToken createApiToken(Caller caller, String name, Integer expiresInDays) {
        Instant expires = expiresInDays == null ? null : clock.instant().plus(Duration.ofDays(expiresInDays));
        return issue(Account.findById(caller.accountId()), AccessToken.Kind.api, name.strip(), expires);
    }

    @Transactional
    List<TokenView> tokens(Caller caller) {
        Instant now = clock.instant();
        return AccessToken.<AccessToken>list("account.id = ?1 and revokedAt is null order by id", caller.accountId())
                .stream()
                .filter(t -> t.isLive(now))
                .map(t -> new TokenView(t.id, t.kind, t.name, t.createdAt, t.lastUsedAt, t.expiresAt, t.id == caller.tokenId()))
                .toList();
    }

    @Transactional
    void revokeToken(Caller caller, long tokenId) {
        int revoked = AccessToken.update("revokedAt = ?1 where id = ?2 and account.id = ?3 and revokedAt is null",
                clock.instant(), tokenId, caller.accountId());
        if (revoked == 0) {
            throw new DomainException(Kind.NOT_FOUND, "token_not_found", "No such live token on this account");
        }
    }

    /** Creates an admin account unless the address is taken; for the first-admin bootstrap. */
    void createAdmin(String email, String name, String password) {
        String hash = passwords.hash(password);
        QuarkusTransaction.requiringNew().run(() -> newAccount(email, name, hash, Role.admin).persist());
    }

    private IssuedToken issue(Account account, AccessToken.Kind kind, String name, Instant expiresAt) {
        String value = Tokens.newToken();
        AccessToken token = new AccessToken();
        token.account = account;
        token.kind = kind;
        token.name = name;
        token.tokenHash = Tokens.hash(value);
        token.createdAt = clock.instant();
        token.expiresAt = expiresAt;
        token.persist();
        return new IssuedToken(value, token.id, kind, name, expiresAt, AccountView.of(account));
    }

    private Account newAccount(String email, String name, String passwordHash, Role role) {
        Account account = new Account();
        account.email = email;
        account.name = name;
        account.passwordHash = passwordHash;
        account.role = role;
        account.createdAt = clock.instant();
        account.passwordChangedAt = account.createdAt;
        return account;
    }

    private static String requireEmail(String email) {
        return EmailAddresses.normalize(email)
                .orElseThrow(() -> DomainException.invalidField("email", "invalid_email", "must be a valid email address"));
    }

    private static DomainException invalidCredentials() {
        return new DomainException(Kind.UNAUTHENTICATED, "invalid_credentials", "Wrong email or password");
    }
}
