package dev.gazette.core;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the writer's studio, in English here and in Korean in
 * {@code messages/studio_ko.properties}; templates use them as {@code {studio:key}}. The language
 * is the browser's ({@link Languages#of}).
 */
@MessageBundle(value = "studio", locale = "en")
public interface StudioText {

    @Message("Studio")
    String studio();

    @Message("Your publications")
    String publications();

    @Message("Publication")
    String publication();

    @Message("New publication")
    String newPublication();

    @Message("No publication yet: create your first one.")
    String noPublication();

    @Message("Subscribers")
    String subscribers();

    @Message("Last issue")
    String lastIssue();

    @Message("none yet")
    String noIssue();

    @Message("Settings")
    String settings();

    @Message("Comments")
    String comments();

    @Message("Who may comment on your issues")
    String commentsTitle();

    @Message("Anyone, confirming their address by email first")
    String policy_everyone();

    @Message("Subscribers, through the link in their email")
    String policy_subscribers();

    @Message("No one: comments are off")
    String policy_off();

    @Message("Topics")
    String topics();

    @Message("Issues")
    String issues();

    @Message("Search titles")
    String searchTitles();

    @Message("Search")
    String search();

    @Message("No issue yet.")
    String noIssues();

    @Message("No issue has these words in its title.")
    String noMatch();

    @Message("Title")
    String col_title();

    @Message("State")
    String col_status();

    @Message("When")
    String col_when();

    @Message("Recipients")
    String col_recipients();

    @Message("Opened")
    String col_opens();

    @Message("Clicked")
    String col_clicks();

    @Message("Newer")
    String newer();

    @Message("Older")
    String older();

    @Message("Topics readers may choose")
    String topicsTitle();

    @Message("One topic a line: its tag, a colon, and the name readers see (for example: ai: Artificial intelligence). A reader who picks topics gets the sends to those tags.")
    String topicsHint();

    @Message("Line {line} should read tag: name")
    String topicsLine(int line);

    @Message("Stats")
    String stats();

    @Message("Public page")
    String publicPage();

    @Message("suspended")
    String suspended();

    @Message("Platform stats")
    String platformStats();

    @Message("Outbox")
    String outbox();

    @Message("Log out")
    String logOut();

    @Message("draft")
    String status_draft();

    @Message("scheduled")
    String status_scheduled();

    @Message("sending")
    String status_sending();

    @Message("paused")
    String status_paused();

    @Message("sent")
    String status_sent();

    @Message("cancelled")
    String status_cancelled();

    @Message("Publication settings")
    String settingsTitle();

    @Message("Saved.")
    String saved();

    @Message("Some fields need a look: see the notes next to them.")
    String fixFields();

    @Message("Create")
    String create();

    @Message("Save")
    String save();

    @Message("About the publication")
    String sectionAbout();

    @Message("Sender")
    String sectionSender();

    @Message("Readers")
    String sectionReaders();

    @Message("Name")
    String field_name();

    @Message("Address (slug)")
    String field_slug();

    @Message("Lower-case letters, digits and hyphens: your page is /p/your-slug. It cannot be changed later.")
    String hint_slug();

    @Message("Tagline")
    String field_tagline();

    @Message("Description")
    String field_description();

    @Message("Category")
    String field_category();

    @Message("Language")
    String field_locale();

    @Message("Time zone")
    String field_timeZone();

    @Message("An IANA zone such as Asia/Seoul; empty: the language's usual zone.")
    String hint_timeZone();

    @Message("Sender name")
    String field_senderName();

    @Message("Sender address")
    String field_senderEmail();

    @Message("Reply-to address")
    String field_replyTo();

    @Message("Copyright notice")
    String field_copyrightNotice();

    @Message("Open and click tracking")
    String field_tracking();

    @Message("Price of a coffee (tips)")
    String field_tipPrice();

    @Message("Empty: no tips.")
    String hint_tipPrice();

    @Message("Currency")
    String field_tipCurrency();

    @Message("Korean")
    String locale_ko();

    @Message("English")
    String locale_en();

    @Message("is required")
    String error_required();

    @Message("is too long")
    String error_invalid_length();

    @Message("is not in the expected form")
    String error_invalid_format();

    @Message("is not a valid email address")
    String error_invalid_email();

    @Message("must be on one line")
    String error_line_break();

    @Message("is out of range")
    String error_out_of_range();

    @Message("is not a valid amount")
    String error_invalid_number();

    @Message("is taken by another publication")
    String error_slug_taken();

    @Message("may hold only lower-case letters, digits and hyphens")
    String error_invalid_slug();

    @Message("is reserved")
    String error_reserved_slug();

    @Message("is not a known time zone")
    String error_invalid_time_zone();

    @Message("is not a known currency")
    String error_invalid_currency();

    @Message("is not valid")
    String error_invalid();

    @Message("Each tag is 1 to 64 letters, digits, spaces, dots, hyphens or underscores.")
    String error_invalid_tag();

    @Message("Each tag may be a topic once.")
    String error_duplicate_topic();

    @Message("There are too many topics.")
    String error_too_many_topics();
}
