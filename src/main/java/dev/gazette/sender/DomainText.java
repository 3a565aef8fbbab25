package dev.gazette.sender;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the sender domain pages, in English here and in Korean in
 * {@code messages/domains_ko.properties}; templates use them as {@code {domains:key}}. A bundle of
 * its own, as Quarkus 3.33 fails to load a bundle past 300 keys (quarkus#55584).
 */
@MessageBundle(value = "domains", locale = "en")
public interface DomainText {

    @Message("Sender domains")
    String senderDomains();

    @Message("Send from your own domain: add it, publish the DNS records shown, then check it. Until it is verified, your publications' mail goes from Gazette's address with your name, and replies come to you.")
    String intro();

    @Message("No domain yet.")
    String none();

    @Message("Domain")
    String domain();

    @Message("A domain you control, such as letters.example.org.")
    String domainHint();

    @Message("Add domain")
    String add();

    @Message("State")
    String state();

    @Message("Owner")
    String owner();

    @Message("Last checked")
    String checkedAt();

    @Message("not yet")
    String never();

    @Message("Waiting for records")
    String state_pending();

    @Message("Partly verified")
    String state_partial();

    @Message("Verified")
    String state_verified();

    @Message("No longer verified: mail goes from Gazette's address")
    String state_failing();

    @Message("Revoked")
    String state_revoked();

    @Message("Records to publish")
    String records();

    @Message("Publish each record at your DNS provider, then check. Changes can take a while to reach everyone.")
    String recordsHint();

    @Message("Purpose")
    String purpose();

    @Message("Type")
    String type();

    @Message("Name")
    String name();

    @Message("Value")
    String value();

    @Message("Found")
    String status();

    @Message("DKIM key")
    String kind_dkim();

    @Message("SPF")
    String kind_spf();

    @Message("DMARC policy")
    String kind_dmarc();

    @Message("Return path")
    String kind_return_path();

    @Message("found")
    String status_ok();

    @Message("missing")
    String status_missing();

    @Message("something else is there")
    String status_wrong();

    @Message("DNS did not answer")
    String status_unanswered();

    @Message("not checked yet")
    String status_unchecked();

    @Message("Check now")
    String verify();

    @Message("Delete domain")
    String delete();

    @Message("Checked: {state}.")
    String checked(String state);

    @Message("Revoke")
    String revoke();

    @Message("Reason")
    String reason();

    @Message("Revoked: {reason}")
    String revokedBecause(String reason);

    @Message("That is not a domain name.")
    String error_invalid();

    @Message("That is the platform's own domain.")
    String error_platform();

    @Message("You have added this domain already.")
    String error_exists();

    @Message("This domain is another writer's sender domain.")
    String error_taken();

    @Message("You have reached the most domains a writer may add.")
    String error_too_many();

    @Message("Say why it is revoked.")
    String error_reason();
}
