package dev.gazette.core;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the admin console, in English here and in Korean in
 * {@code messages/admin_ko.properties}; templates use them as {@code {admin:key}}. Kept apart from
 * {@link StudioText}: Quarkus 3.33 generates a broken resolver (VerifyError at start) for a bundle
 * of more than 300 messages.
 */
@MessageBundle(value = "admin", locale = "en")
public interface AdminText {

    @Message("Admin console")
    String adminConsole();

    @Message("Accounts")
    String admin_accounts();

    @Message("writers and admins: search, disable, roles, sessions")
    String admin_accountsHint();

    @Message("Publications")
    String admin_publications();

    @Message("every publication with its sending health; suspend or reinstate")
    String admin_publicationsHint();

    @Message("Sends and relay")
    String admin_sends();

    @Message("sends under way and scheduled, the relay's state, the delivery queue")
    String admin_sendsHint();

    @Message("Footer pages")
    String admin_legal();

    @Message("terms, privacy policy and recurring payment terms, with their versions")
    String admin_legalHint();

    @Message("Audit log")
    String admin_audit();

    @Message("who changed what, when and from where")
    String admin_auditHint();

    @Message("totals, sending volume, publications over the thresholds")
    String admin_statsHint();

    @Message("mail the embedded SMTP catcher received")
    String admin_outboxHint();

    @Message("Done.")
    String admin_done();

    @Message("You cannot disable, demote or log out your own account here.")
    String admin_ownAccount();

    @Message("Email or name starts with")
    String admin_searchAccounts();

    @Message("No account matches.")
    String admin_noAccounts();

    @Message("Account")
    String admin_account();

    @Message("Role")
    String admin_role();

    @Message("Last seen")
    String admin_lastSeen();

    @Message("Actions")
    String admin_actions();

    @Message("joined")
    String admin_joined();

    @Message("disabled")
    String admin_disabled();

    @Message("{count} live {#if count == 1}session or token{#else}sessions and tokens{/if}")
    String admin_liveSessions(long count);

    @Message("you")
    String admin_you();

    @Message("Enable")
    String admin_enable();

    @Message("Disable")
    String admin_disable();

    @Message("Make admin")
    String admin_makeAdmin();

    @Message("Remove admin")
    String admin_removeAdmin();

    @Message("Log out everywhere")
    String admin_revoke();

    @Message("admin")
    String role_admin();

    @Message("writer")
    String role_writer();

    @Message("Name or address starts with")
    String admin_searchPublications();

    @Message("No publication matches.")
    String admin_noPublications();

    @Message("Writer")
    String admin_owner();

    @Message("Active subscribers")
    String admin_activeSubscribers();

    @Message("Sent")
    String admin_sent();

    @Message("Sending health")
    String admin_health();

    @Message("hard bounces {rate}")
    String admin_bounces(String rate);

    @Message("complaints {rate}")
    String admin_complaints(String rate);

    @Message("ok")
    String health_ok();

    @Message("watch")
    String health_warning();

    @Message("over")
    String health_over();

    @Message("active")
    String admin_active();

    @Message("suspended: {why}")
    String admin_suspendedBecause(String why);

    @Message("Reason")
    String admin_reason();

    @Message("Suspend")
    String admin_suspend();

    @Message("Reinstate")
    String admin_reinstate();

    @Message("Say why the publication is suspended (up to 500 characters): its writer sees it.")
    String admin_reasonRequired();

    @Message("Sends under way")
    String admin_running();

    @Message("Scheduled")
    String admin_scheduled();

    @Message("No send is under way.")
    String admin_noRunning();

    @Message("Nothing is scheduled.")
    String admin_noScheduled();

    @Message("{rate} a second")
    String admin_rate(String rate);

    @Message("Relay")
    String admin_relay();

    @Message("Closed: the relay answers and sending goes on.")
    String admin_relayClosed();

    @Message("Open: the relay looks down; nothing is sent before {until}.")
    String admin_relayOpen(String until);

    @Message("Connection failures in a row")
    String admin_relayFailures();

    @Message("Last error")
    String admin_relayLastError();

    @Message("none since this instance started")
    String admin_relayNoError();

    @Message("As seen by this instance ({name}); each instance keeps its own circuit.")
    String admin_relayInstance(String name);

    @Message("Delivery queue")
    String admin_queue();

    @Message("waiting")
    String admin_queueWaiting();

    @Message("retrying")
    String admin_queueRetrying();

    @Message("in paused sends")
    String admin_queuePaused();

    @Message("Oldest send still waiting started")
    String admin_queueOldest();

    @Message("account and reader mail waiting")
    String admin_mailQueued();

    @Message("Oldest waiting mail recorded")
    String admin_mailOldest();

    @Message("account and reader mail failed")
    String admin_mailFailed();

    @Message("Terms of service")
    String legal_terms();

    @Message("Privacy policy")
    String legal_privacy();

    @Message("Recurring payment terms")
    String legal_recurring();

    @Message("Version {version}")
    String legal_version(int version);

    @Message("Not written yet: the page says so to readers.")
    String legal_notWritten();

    @Message("Versions")
    String legal_history();

    @Message("Publish as a new version")
    String legal_publish();

    @Message("Markdown. Each edit is kept as a new version; readers see the newest.")
    String legal_hint();

    @Message("Public page")
    String legal_view();

    @Message("Who (email starts with)")
    String audit_actor();

    @Message("What")
    String audit_action();

    @Message("anything")
    String audit_anyAction();

    @Message("Publication (address)")
    String audit_publication();

    @Message("From (UTC day)")
    String audit_from();

    @Message("To (UTC day)")
    String audit_to();

    @Message("Filter")
    String audit_filter();

    @Message("Nothing recorded matches.")
    String audit_none();

    @Message("Who")
    String audit_who();

    @Message("What")
    String audit_what();

    @Message("Detail")
    String audit_detail();

    @Message("From")
    String audit_where();

    @Message("A filter is not one this page offers: choose an action from the list and days as YYYY-MM-DD.")
    String admin_badFilter();

    @Message("disabled an account")
    String action_account_disabled();

    @Message("enabled an account")
    String action_account_enabled();

    @Message("changed an account's role")
    String action_account_role_changed();

    @Message("logged an account out everywhere")
    String action_account_sessions_revoked();

    @Message("created a publication")
    String action_publication_created();

    @Message("changed a publication's settings")
    String action_publication_updated();

    @Message("deleted a publication")
    String action_publication_deleted();

    @Message("suspended a publication")
    String action_publication_suspended();

    @Message("reinstated a publication")
    String action_publication_reinstated();

    @Message("started sending an issue")
    String action_issue_sent();

    @Message("scheduled an issue")
    String action_issue_scheduled();

    @Message("cancelled an issue's send")
    String action_issue_cancelled();

    @Message("paused a send")
    String action_send_paused();

    @Message("resumed a send")
    String action_send_resumed();

    @Message("Sending guard overridden")
    String action_guard_overridden();

    @Message("Sending guards")
    String admin_guards();

    @Message("These publications bounced or drew complaints past the limits; their sends are paused and their writers cannot resume them.")
    String admin_guardsHint();

    @Message("Let it send again")
    String admin_guardOverride();

    @Message("imported subscribers")
    String action_subscribers_imported();

    @Message("erased a subscriber")
    String action_subscriber_erased();

    @Message("unsubscribed a subscriber")
    String action_subscriber_unsubscribed();

    @Message("published a footer page")
    String action_footer_page_published();

    @Message("changed who may comment")
    String action_comment_policy_changed();

    @Message("blocked a reader from commenting")
    String action_comment_author_blocked();

    @Message("unblocked a reader from commenting")
    String action_comment_author_unblocked();

    @Message("Outbox")
    String outbox_title();

    @Message("Mail captured by the embedded SMTP catcher: what subscribers would receive. Nothing left this machine. The latest {capacity} messages are kept, in memory. Configure QUARKUS_MAILER_HOST and QUARKUS_MAILER_PORT to send through a real relay.")
    String outbox_hint(int capacity);

    @Message("No mail yet.")
    String outbox_empty();

    @Message("Received")
    String outbox_received();

    @Message("To")
    String outbox_to();

    @Message("Subject")
    String outbox_subject();

    @Message("From")
    String outbox_from();

    @Message("(no subject)")
    String outbox_noSubject();

    @Message("The embedded SMTP catcher is off: mail goes to the configured relay.")
    String outbox_off();

    @Message("← Outbox")
    String outbox_back();

    @Message("{size} bytes")
    String outbox_size(int size);

    @Message("envelope from")
    String outbox_envelope();

    @Message("to")
    String outbox_envelopeTo();

    @Message("HTML part")
    String outbox_html();

    @Message("Text part")
    String outbox_text();

    @Message("Headers")
    String outbox_headers();

    @Message("created a sequence")
    String action_sequence_created();

    @Message("changed a sequence or its steps")
    String action_sequence_changed();

    @Message("deleted a sequence")
    String action_sequence_deleted();

    @Message("revoked a sender domain")
    String action_sender_domain_revoked();

    @Message("created a segment")
    String action_segment_created();

    @Message("changed a segment")
    String action_segment_changed();

    @Message("deleted a segment")
    String action_segment_deleted();
    @Message("picked an A/B subject test's winner by hand")
    String action_subject_test_winner_picked();
    @Message("followed a feed")
    String action_feed_followed();

    @Message("changed a followed feed")
    String action_feed_changed();

    @Message("stopped following a feed")
    String action_feed_unfollowed();

    @Message("refunded a member's charge")
    String action_member_refunded();
    @Message("changed a plan's price")
    String action_plan_price_changed();
}
