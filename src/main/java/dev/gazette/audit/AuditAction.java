package dev.gazette.audit;

/** What the audit log records, each under a stable code (its name, stored as is). */
public enum AuditAction {
    account_disabled, account_enabled, account_role_changed, account_sessions_revoked, publication_created, publication_updated, publication_deleted, publication_suspended, publication_reinstated, issue_sent, issue_scheduled, issue_cancelled, send_paused, send_resumed, subscribers_imported, subscriber_erased, subscriber_unsubscribed, footer_page_published, comment_policy_changed, comment_author_blocked, comment_author_unblocked, sequence_created, sequence_changed, sequence_deleted, guard_overridden, sender_domain_revoked, subject_test_winner_picked, feed_followed, feed_changed, feed_unfollowed, segment_created, segment_changed, segment_deleted, member_refunded, plan_price_changed
}
