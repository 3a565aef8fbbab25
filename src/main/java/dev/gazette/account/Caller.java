package dev.gazette.account;

import dev.gazette.audit.Actor;

/** Who is making a request: the authenticated account, and the token it came with. */
public record Caller(long accountId, String email, String name, Role role, long tokenId) implements Actor {

    public boolean isAdmin() {
        return role == Role.admin;
    }
}
