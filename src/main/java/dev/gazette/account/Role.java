package dev.gazette.account;

/** What an account may do. Stored in lower case, as named here. */
public enum Role {
    writer, admin
}
