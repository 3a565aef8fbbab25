package dev.gazette.rss;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the studio's feed pages, in English here and in Korean in {@code
 * messages/feeds_ko.properties}; templates use them as {@code {feeds:key}}. A bundle of its own,
 * like the sequences' (Quarkus 3.33's generated bundle fails to load past 300 keys, quarkus#55584).
 */
@MessageBundle(value = "feeds", locale = "en")
interface FeedText {

    @Message("Feeds")
    String feedsTitle();

    @Message("Follow your own site's or blog's RSS or Atom feed: each new post becomes a draft for you to review, is sent on its own, or is gathered into a daily or weekly digest. Posts already in the feed when you follow it are only marked as seen.")
    String intro();

    @Message("No feed followed yet.")
    String none();

    @Message("Feed")
    String col_feed();

    @Message("What new posts become")
    String col_mode();

    @Message("Last fetch")
    String col_status();

    @Message("A draft to review")
    String mode_draft();

    @Message("Sent one by one")
    String mode_each();

    @Message("A digest")
    String mode_digest();

    @Message("Every day")
    String every_daily();

    @Message("Every week")
    String every_weekly();

    @Message("Follow a feed")
    String newFeed();

    @Message("Feed address (RSS or Atom)")
    String field_url();

    @Message("For example https://blog.example.com/feed.xml. It must be a public address.")
    String hint_url();

    @Message("New posts become")
    String field_mode();

    @Message("Digest")
    String field_every();

    @Message("At (the publication's time zone)")
    String field_time();

    @Message("On")
    String field_weekday();

    @Message("Digest title")
    String field_titlePattern();

    @Message("{|{date}|} is the digest's date, {|{count}|} the number of posts, {|{feed}|} the feed's title. Empty: the feed's title and the date.")
    String hint_titlePattern();

    @Message("Send only to topics")
    String field_tags();

    @Message("Topics separated by commas; empty sends to every subscriber.")
    String hint_tags();

    @Message("Layout")
    String field_template();

    @Message("The default layout")
    String defaultLayout();

    @Message("Also send the newest post already in the feed")
    String field_includeLatest();

    @Message("Fetch this feed")
    String field_enabled();

    @Message("Follow")
    String follow();

    @Message("Save")
    String save();

    @Message("Saved.")
    String saved();

    @Message("Fetch now")
    String fetchNow();

    @Message("Fetched.")
    String fetched();

    @Message("Stop following")
    String delete();

    @Message("The issues made from this feed stay.")
    String deleteHint();

    @Message("Status")
    String status();

    @Message("Not fetched yet")
    String never();

    @Message("New content read")
    String outcome_ok();

    @Message("Nothing new (the server said so)")
    String outcome_not_modified();

    @Message("Failed")
    String outcome_failed();

    @Message("Last fetch")
    String lastFetch();

    @Message("Last good fetch")
    String lastSuccess();

    @Message("Next fetch")
    String nextFetch();

    @Message("Next digest")
    String nextDigest();

    @Message("Posts waiting for the digest")
    String waiting();

    @Message("Failures in a row")
    String failures();

    @Message("Paused because it failed for too long: {reason}. Fix the feed, then tick \"Fetch this feed\" and save.")
    String pausedNote(String reason);

    @Message("Turned off: not fetched.")
    String turnedOff();

    @Message("Settings")
    String settings();

    @Message("Posts seen")
    String items();

    @Message("No post seen yet.")
    String noItems();

    @Message("Post")
    String col_post();

    @Message("Seen")
    String col_seen();

    @Message("Became")
    String col_became();

    @Message("Already there when followed (not sent)")
    String state_backlog();

    @Message("Waiting for the next digest")
    String state_pending();

    @Message("A draft")
    String state_drafted();

    @Message("Sent")
    String state_sent();

    @Message("Not sent")
    String state_skipped();

    @Message("no subscriber to send to")
    String note_no_audience();

    @Message("the publication is suspended")
    String note_publication_suspended();

    @Message("too many new posts at once: not sent, review it")
    String note_too_many_at_once();

    @Message("the feed stopped making digests")
    String note_mode_changed();

    @Message("(untitled)")
    String untitled();

    @Message("The feed took too long to answer.")
    String error_timeout();

    @Message("The feed is too large.")
    String error_too_large();

    @Message("The address is not public: feeds are only fetched from public addresses.")
    String error_address_refused();

    @Message("The host name does not exist.")
    String error_host_unknown();

    @Message("The server answered with an error.")
    String error_http_status();

    @Message("This is not an RSS or Atom feed.")
    String error_not_a_feed();

    @Message("The server could not be reached.")
    String error_connection_failed();

    @Message("The address is not an http or https URL.")
    String error_url_invalid();

    @Message("The server redirected too many times.")
    String error_too_many_redirects();

    @Message("The last digest could not be made; its posts wait for the next one.")
    String error_digest_failed();

    @Message("The feed was read but its posts could not be recorded.")
    String error_internal();

    @Message("The fetch failed.")
    String error_other();

    @Message("Enter the feed's address as an http or https URL.")
    String refused_url();

    @Message("This publication already follows this feed.")
    String refused_already();

    @Message("A publication follows at most 20 feeds.")
    String refused_tooMany();

    @Message("Choose what new posts become.")
    String refused_mode();

    @Message("Choose daily or weekly for a digest.")
    String refused_every();

    @Message("Give the digest's time as HH:mm.")
    String refused_time();

    @Message("Choose the weekday of a weekly digest.")
    String refused_weekday();

    @Message("Choose one of this publication's layouts.")
    String refused_template();

    @Message("A topic has at most 64 characters, without commas.")
    String refused_tags();

    @Message("The digest title has at most 200 characters, on one line.")
    String refused_titlePattern();

    @Message("The feed is being fetched right now; try again in a moment.")
    String busy();

    @Message("Monday")
    String weekday_1();

    @Message("Tuesday")
    String weekday_2();

    @Message("Wednesday")
    String weekday_3();

    @Message("Thursday")
    String weekday_4();

    @Message("Friday")
    String weekday_5();

    @Message("Saturday")
    String weekday_6();

    @Message("Sunday")
    String weekday_7();
}
