package dev.gazette.account;

/** Who is making a request: the authenticated account, and the token it came with. */
public record Caller(long accountId, String email, String name, Role role, long tokenId) {

    public boolean isAdmin() {
        return role == Role.admin;
    }
}
