package dev.gazette.audit;

/** Who changed something: the account acting, as the audit log names it. */
public interface Actor {

    long accountId();

    String email();
}
