package dev.gazette.issue;

/**
 * Who may read an issue: {@code everyone} (the web and the feed too), {@code subscribers} (free or
 * paid: strangers on the web see its title and a way to subscribe), or {@code paid} members. In
 * each, a {@link Paywall#MARKER} line keeps what follows it for paid members.
 */
public enum IssueAccess {
    everyone, subscribers, paid
}
