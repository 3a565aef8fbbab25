package dev.gazette.account;

import java.time.Instant;

/** What the account API returns. */
final class AccountViews {

    private AccountViews() {
    }

    record AccountView(long id, String email, String name, Role role, Instant createdAt) {
        static AccountView of(Account account) {
            return new AccountView(account.id, account.email, account.name, account.role, account.createdAt);
        }
    }

    /** A freshly issued token: the only time its value is ever shown. */
    record IssuedToken(String token, long id, AccessToken.Kind kind, String name, Instant expiresAt, AccountView account) {
    }

    record TokenView(long id, AccessToken.Kind kind, String name, Instant createdAt, Instant lastUsedAt,
            Instant expiresAt, boolean current) {
    }

    /** The signup answer, the same whether the address was new or already had an account. */
    record SignupAnswer(String email, String status) {
    }
}
