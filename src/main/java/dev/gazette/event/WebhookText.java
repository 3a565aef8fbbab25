package dev.gazette.event;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the webhook pages, in English here and in Korean in {@code messages/webhooks_ko.properties};
 * templates use them as {@code {webhooks:key}}. A bundle of its own, as Quarkus 3.33 fails to load a bundle
 * past 300 keys (quarkus#55584).
 */
@MessageBundle(value = "webhooks", locale = "en")
public interface WebhookText {

    @Message("Webhooks")
    String webhooks();

    @Message("Webhooks")
    String webhooksTitle();

    @Message("Platform-wide webhooks")
    String platformWebhooks();

    @Message("Gazette posts the events you pick to your endpoint as they happen, signed by the Standard Webhooks scheme (webhook-id, webhook-timestamp, webhook-signature). A failed post is retried for up to three days.")
    String intro();

    @Message("No endpoint yet.")
    String none();

    @Message("Endpoint URL")
    String url();

    @Message("An https address of your service. Only public addresses are called.")
    String urlHint();

    @Message("Description")
    String description();

    @Message("Events")
    String eventTypes();

    @Message("Add endpoint")
    String add();

    @Message("New endpoint")
    String newEndpoint();

    @Message("State")
    String state();

    @Message("Enabled")
    String enabled();

    @Message("Disabled")
    String disabled();

    @Message("Failing since")
    String failingSince();

    @Message("Endpoint")
    String endpoint();

    @Message("Signing secret")
    String secret();

    @Message("Keep it on your side to verify each message's webhook-signature.")
    String secretHint();

    @Message("The previous secret also signs until")
    String previousSecretUntil();

    @Message("Rotate secret")
    String rotate();

    @Message("A new secret was made; the previous one still signs for a day.")
    String rotated();

    @Message("Send test event")
    String sendTest();

    @Message("A test event is on its way: it appears in the log below.")
    String testSent();

    @Message("Save")
    String save();

    @Message("Saved.")
    String saved();

    @Message("Enabled (events are sent)")
    String enable();

    @Message("Delete endpoint")
    String delete();

    @Message("Delivery log")
    String log();

    @Message("Nothing sent yet.")
    String noDeliveries();

    @Message("Event")
    String col_event();

    @Message("Created")
    String col_created();

    @Message("State")
    String col_state();

    @Message("Attempts")
    String col_attempts();

    @Message("Last answer")
    String col_status();

    @Message("Requested")
    String col_requested();

    @Message("Time")
    String col_duration();

    @Message("Error")
    String col_error();

    @Message("Response")
    String col_response();

    @Message("Waiting")
    String state_pending();

    @Message("Delivered")
    String state_delivered();

    @Message("Failed")
    String state_failed();

    @Message("next try")
    String nextAttempt();

    @Message("Send again")
    String replay();

    @Message("It will be sent again shortly, with the same webhook-id.")
    String replayed();

    @Message("Older")
    String older();

    @Message("All endpoints")
    String back();

    @Message("The URL must be an http or https address with a host, no user name and no fragment.")
    String error_url();

    @Message("This address is not public (a loopback, private or link-local address): webhooks only call public addresses.")
    String error_address();

    @Message("This host name does not resolve.")
    String error_host();

    @Message("Pick at least one event.")
    String error_types();

    @Message("This list has as many endpoints as it may hold.")
    String error_too_many();

    @Message("A subscriber was added or subscribed")
    String type_subscriber_created();

    @Message("A subscriber confirmed")
    String type_subscriber_confirmed();

    @Message("A subscriber unsubscribed")
    String type_subscriber_unsubscribed();

    @Message("A subscriber's data was erased")
    String type_subscriber_erased();

    @Message("A subscriber's address bounced")
    String type_subscriber_bounced();

    @Message("A subscriber marked mail as spam")
    String type_subscriber_complained();

    @Message("An issue was sent or scheduled")
    String type_issue_scheduled();

    @Message("An issue's send finished")
    String type_issue_sent();

    @Message("A comment was posted")
    String type_comment_posted();

    @Message("A tip was paid")
    String type_tip_paid();

    @Message("A paid membership started (not yet available)")
    String type_member_started();

    @Message("A paid membership renewed (not yet available)")
    String type_member_renewed();

    @Message("A paid membership was canceled (not yet available)")
    String type_member_canceled();

    @Message("Test event")
    String type_webhook_test();
}
