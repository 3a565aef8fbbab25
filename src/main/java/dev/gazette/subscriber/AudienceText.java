package dev.gazette.subscriber;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the studio's subscriber pages, in English here and in Korean in {@code
 * messages/audience_ko.properties}; templates use them as {@code {audience:key}}. They are a bundle
 * of their own because Quarkus 3.33's generated bundle fails to load past 300 keys (quarkus#55584):
 * {@code StudioText} holds the words every studio page shares.
 */
@MessageBundle(value = "audience", locale = "en")
interface AudienceText {

    @Message("Subscribers")
    String subscribersTitle();

    @Message("Subscribers by status")
    String subscriberCounts();

    @Message("All")
    String allStatuses();

    @Message("Waiting for confirmation")
    String subscriberStatus_pending();

    @Message("Active")
    String subscriberStatus_active();

    @Message("Unsubscribed")
    String subscriberStatus_unsubscribed();

    @Message("Bounced")
    String subscriberStatus_bounced();

    @Message("Marked as spam")
    String subscriberStatus_complained();

    @Message("Subscribe form")
    String source_form();

    @Message("Import")
    String source_import();

    @Message("API")
    String source_api();

    @Message("Beginning of an address or a name")
    String searchSubscribers();

    @Message("Status")
    String filterStatus();

    @Message("Topic or tag")
    String filterTag();

    @Message("Source")
    String filterSource();

    @Message("Any")
    String anySource();

    @Message("Added from")
    String filterFrom();

    @Message("Added until")
    String filterTo();

    @Message("Show")
    String applyFilters();

    @Message("Clear")
    String clearFilters();

    @Message("Address")
    String col_email();

    @Message("Added")
    String col_added();

    @Message("No subscriber matches.")
    String noSubscriberMatches();

    @Message("Pages of subscribers")
    String subscriberPages();

    @Message("Add a subscriber")
    String addSubscriber();

    @Message("Import a CSV file")
    String importSubscribers();

    @Message("Download all as CSV")
    String exportSubscribers();

    @Message("Tags")
    String field_tags();

    @Message("Separated by commas, for example: ai, weekly")
    String hint_tags();

    @Message("Send a confirmation email first: they stay waiting until they confirm")
    String field_doubleOptIn();

    @Message("How they agreed to receive it (kept in the consent record)")
    String field_consentNote();

    @Message("Enter a valid email address.")
    String error_subscriber_email();

    @Message("This address is already a subscriber.")
    String error_subscriber_exists();

    @Message("This address unsubscribed, erased its data or cannot receive mail, so it cannot be added.")
    String error_address_suppressed();

    @Message("There are too many tags (at most 50).")
    String error_too_many_tags();

    @Message("This filter is not valid: {what}")
    String error_invalid_filter(String what);

    @Message("The subscriber was added.")
    String added();

    @Message("The subscriber was erased.")
    String erased();

    @Message("They are unsubscribed and will not be mailed again.")
    String unsubscribedNotice();

    @Message("Consent record")
    String consentHistory();

    @Message("Given")
    String consentGiven();

    @Message("How")
    String consentMethod();

    @Message("Confirmed by email")
    String consentMethod_double_opt_in();

    @Message("Attested by the writer")
    String consentMethod_writer_attested();

    @Message("What they were shown")
    String consentWording();

    @Message("From")
    String consentFrom();

    @Message("Confirmed")
    String consentConfirmed();

    @Message("Withdrawn")
    String consentWithdrawn();

    @Message("Note")
    String consentNote();

    @Message("Attributes")
    String attributes();

    @Message("None yet.")
    String nothingYet();

    @Message("Issues received")
    String deliveries();

    @Message("Delivery")
    String deliveryStatus();

    @Message("Opens")
    String opens();

    @Message("Clicks")
    String clicks();

    @Message("Tips")
    String tips();

    @Message("Coffees")
    String coffees();

    @Message("Amount")
    String amount();

    @Message("Status")
    String tipStatus();

    @Message("Status")
    String commentStatus();

    @Message("Issue")
    String issue();

    @Message("Save tags")
    String saveTags();

    @Message("Unsubscribe them")
    String unsubscribeThem();

    @Message("They stop receiving issues, and the address cannot be added or imported again.")
    String unsubscribeHint();

    @Message("Erase their data…")
    String eraseThem();

    @Message("Erase {email}?")
    String eraseTitle(String email);

    @Message("Deleted for good")
    String eraseDeleted();

    @Message("The subscriber: the address, name, tags and attributes")
    String eraseRow();

    @Message("The consent record ({count} {#if count == 1}entry{#else}entries{/if})")
    String eraseConsents(long count);

    @Message("Kept without their name or address")
    String eraseKept();

    @Message("{count} {#if count == 1}comment stays{#else}comments stay{/if}, without their name or a link to them, with their address removed from the text")
    String eraseComments(long count);

    @Message("{count} {#if count == 1}tip loses{#else}tips lose{/if} the name and address (and the address is removed from the message); notes too")
    String eraseTips(long count);

    @Message("{count} {#if count == 1}delivery{#else}deliveries{/if}, {opens} {#if opens == 1}open{#else}opens{/if} and {clicks} {#if clicks == 1}click{#else}clicks{/if} stay in your numbers but name no one")
    String eraseDeliveries(long count, long opens, long clicks);

    @Message("{count} {#if count == 1}rating keeps its score{#else}ratings keep their score{/if} and {#if count == 1}loses its{#else}lose their{/if} words; likes stay without a name")
    String eraseFeedback(long count);

    @Message("The address is not blocked: you may add it again later. To stop mailing someone, unsubscribe them instead.")
    String eraseNotBlocked();

    @Message("Erase for good")
    String eraseConfirm();

    @Message("Cancel")
    String cancel();

    @Message("Import subscribers")
    String importTitle();

    @Message("CSV file")
    String field_file();

    @Message("UTF-8, with a header row naming an email column; name, tags (separated by ; or ,), status and other columns (kept as attributes) are optional. Up to 20 MB here; larger files through the API.")
    String hint_file();

    @Message("Send each new address a confirmation email instead of subscribing it now (double opt-in)")
    String importDoubleOptIn();

    @Message("Import")
    String importButton();

    @Message("Uploading")
    String csvUploading();

    @Message("Importing…")
    String importing();

    @Message("The upload failed. Check the connection and try again.")
    String csvUploadFailed();

    @Message("Import report")
    String importReport();

    @Message("Created")
    String importCreated();

    @Message("Updated")
    String importUpdated();

    @Message("Skipped (already up to date, unsubscribed, suppressed or repeated)")
    String importSkipped();

    @Message("Bad lines")
    String importBadLines();

    @Message("Every line could be read.")
    String importNoBadLines();

    @Message("Line {line}")
    String importBadLine(long line);

    @Message("and {count} more bad {#if count == 1}line{#else}lines{/if} not listed")
    String importMoreBadLines(long count);

    @Message("{count} {#if count == 1}address was{#else}addresses were{/if} sent a confirmation email and {#if count == 1}waits{#else}wait{/if} until confirmed.")
    String importPending(long count);

    @Message("Import another file")
    String importAgain();

    @Message("the address is missing")
    String line_missing_email();

    @Message("the address is not a valid email address")
    String line_invalid_email();

    @Message("the name is too long, has a line break or characters that cannot be shown")
    String line_invalid_name();

    @Message("a tag is not valid (letters, digits, spaces, dots, hyphens and underscores, up to 64)")
    String line_invalid_tag();

    @Message("more than 50 tags")
    String line_too_many_tags();

    @Message("the status is not one of active, pending, unsubscribed, bounced, complained")
    String line_invalid_status();

    @Message("a value is too long or has characters that cannot be shown")
    String line_invalid_attribute();

    @Message("a field is longer than 10,000 characters")
    String line_field_too_long();

    @Message("Choose a CSV file to import.")
    String file_missing();

    @Message("The file is empty: it needs a header row with an email column.")
    String file_csv_missing_header();

    @Message("The header row (line 1) must name an email column.")
    String file_csv_missing_email_column();

    @Message("The file has too many columns.")
    String file_csv_too_many_columns();

    @Message("The file is not UTF-8 text. Save it as CSV UTF-8 and try again.")
    String file_invalid_encoding();

    @Message("The file is not valid CSV (a quote may be left open).")
    String file_malformed_csv();

    @Message("The file is too large.")
    String file_import_too_large();

    @Message("The file cannot be read.")
    String file_invalid();
}
