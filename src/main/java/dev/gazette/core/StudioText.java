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

    @Message("New issue")
    String newIssue();

    @Message("Edit the issue")
    String editIssue();

    @Message("Title")
    String field_title();

    @Message("Subtitle")
    String field_subtitle();

    @Message("Address in the archive (slug)")
    String field_issueSlug();

    @Message("Body")
    String field_bodyMarkdown();

    @Message("Write in Markdown or, with the tab at the bottom, as you see it (WYSIWYG). Paste or drop an image to upload it. Saved by itself every few seconds, and with Ctrl+S or Cmd+S.")
    String hint_body();

    @Message("Preview")
    String preview();

    @Message("Phone width")
    String phoneWidth();

    @Message("Email on a computer")
    String previewDesktop();

    @Message("Email on a phone")
    String previewPhone();

    @Message("Web version")
    String previewWeb();

    @Message("Uploading the image…")
    String uploading();

    @Message("The image was not uploaded:")
    String uploadFailed();

    @Message("More")
    String more();

    @Message("Saved")
    String autosaved();

    @Message("Not saved yet")
    String unsaved();

    @Message("This issue was saved elsewhere (another tab or device) after you opened it. Your text is still here: keep a copy of it, then reload to see the newer one.")
    String conflict();

    @Message("Keep my copy")
    String keepCopy();

    @Message("Reload")
    String reload();

    @Message("Send a test")
    String testSend();

    @Message("To")
    String testTo();

    @Message("A test went to {to}.")
    String testSent(String to);

    @Message("Send or schedule…")
    String sendOrSchedule();

    @Message("Send the issue")
    String sendTitle();

    @Message("It goes to {count} {#if count == 1}subscriber{#else}subscribers{/if} (everyone who receives mail).")
    String audience(long count);

    @Message("Send now")
    String sendNow();

    @Message("Or at a time")
    String scheduleTitle();

    @Message("Date and time ({zone})")
    String when(String zone);

    @Message("Schedule")
    String schedule();

    @Message("It is scheduled for {when}.")
    String scheduledFor(String when);

    @Message("It is being sent.")
    String beingSent();

    @Message("Cancel the send")
    String cancelSend();

    @Message("This issue is {status} and can no longer be changed.")
    String notEditable(String status);

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

    // templates and signup pages

    @Message("Templates")
    String templates();

    @Message("Your own layouts for an issue's email, in HTML with Qute expressions. An issue keeps the default layout until you pick one of these in its editor.")
    String templatesHint();

    @Message("New template")
    String newTemplate();

    @Message("Edit the template")
    String editTemplate();

    @Message("All templates")
    String allTemplates();

    @Message("No template yet: issues use the default layout.")
    String noTemplates();

    @Message("The template was deleted.")
    String templateDeleted();

    @Message("Updated")
    String col_updated();

    @Message("Template name")
    String field_templateName();

    @Message("Template source")
    String field_templateSource();

    @Message("HTML with Qute expressions and the if, for, each, let, set, with and when sections; other sections and every namespace (config:, inject:...) are refused. Values are escaped, except the body. A template can use:")
    String hint_templateSource();

    @Message("Line {line}, column {column}")
    String position(String line, String column);

    @Message("the template does not parse, or uses a section templates may not use")
    String refused_syntax();

    @Message("templates may not use namespaces such as config: or inject:")
    String refused_forbidden();

    @Message("Delete the template…")
    String deleteTemplate();

    @Message("Delete this template for good? This cannot be undone.")
    String deleteConfirm();

    @Message("Delete for good")
    String deleteForGood();

    @Message("An issue that is not sent yet uses this template: choose another layout for it first.")
    String templateInUse();

    @Message("Layout")
    String field_layout();

    @Message("Default layout")
    String defaultLayout();

    @Message("Use this layout")
    String useLayout();

    @Message("Create an account")
    String signupTitle();

    @Message("Your name")
    String field_yourName();

    @Message("Email")
    String field_email();

    @Message("Password")
    String field_password();

    @Message("At least 10 characters.")
    String hint_password();

    @Message("Create the account")
    String createAccount();

    @Message("Already have an account?")
    String haveAccount();

    @Message("Log in")
    String logIn();

    @Message("Check your inbox")
    String checkInbox();

    @Message("We've sent a message to this address. Follow what it says to go on.")
    String checkInboxText();

    @Message("Signup is closed")
    String signupClosed();

    @Message("This Gazette does not take new writers by themselves: ask its administrator for an account.")
    String signupClosedText();

    @Message("must have at least 10 characters")
    String error_password_too_short();

    @Message("is too long (at most 72 bytes)")
    String error_password_too_long();

    @Message("The form is stale or was not sent from this site: reload the page and try again.")
    String formStale();

    @Message("Too many attempts from here: try again in a minute.")
    String tooManyAttempts();

    // send and progress pages

    @Message("The date and time")
    String field_when();

    @Message("has already passed")
    String error_in_past();

    @Message("is on the platform's own domain: leave an address of yours and the mail goes from Gazette with your name")
    String error_sender_domain_platform();

    @Message("is on another writer's sender domain")
    String error_sender_domain_taken();

    @Message("is on a domain of yours that is not verified yet: publish its records and check it under Sender domains")
    String error_sender_domain_unverified();

    @Message("Only to the readers of these topics")
    String sendTopics();

    @Message("Tick none to send to everyone.")
    String sendTopicsHint();

    @Message("Update the count")
    String updateCount();

    @Message("It goes to {count} {#if count == 1}subscriber{#else}subscribers{/if} (those who chose {topics}).")
    String audienceTopics(long count, String topics);

    @Message("I confirm: send it now to {count} {#if count == 1}subscriber{#else}subscribers{/if}")
    String confirmSend(long count);

    @Message("Tick the box to confirm the send first: nothing was sent.")
    String confirmMissing();

    @Message("The number of subscribers has changed: it is now {count}. Check it, then confirm again.")
    String audienceChanged(long count);

    @Message("No subscriber who receives mail chose these topics, so nothing was sent. Choose other topics, or none to send to everyone.")
    String emptyAudience();

    @Message("= {when} in your time, {zone}")
    String inYourTime(String when, String zone);

    @Message("Another time")
    String rescheduleTitle();

    @Message("Reschedule")
    String reschedule();

    @Message("Follow the send")
    String followSend();

    @Message("This issue is sent.")
    String sentAlready();

    @Message("See its stats")
    String seeStats();

    @Message("Sending the issue")
    String progressTitle();

    @Message("Sent")
    String progress_sent();

    @Message("Failed")
    String progress_failed();

    @Message("Remaining")
    String progress_remaining();

    @Message("Total")
    String progress_total();

    @Message("Per second")
    String progress_rate();

    @Message("Progress of the send")
    String progressLabel();

    @Message("Paused: {reason}")
    String pausedBecause(String reason);

    @Message("Pause")
    String pauseSend();

    @Message("Resume")
    String resumeSend();

    @Message("Preparing the recipients…")
    String preparing();

    @Message("The send is over.")
    String sendOver();

    @Message("The send of this issue has not started.")
    String notStarted();

    @Message("To the send page")
    String sendPage();

    // web-only publishing

    @Message("Publish on the web only")
    String publishWebOnly();

    @Message("No subscriber can be mailed yet. Publishing on the web only puts this issue on your publication's page: no one will be mailed, now or later.")
    String webOnlyNote();

    @Message("No subscriber can be mailed yet, so nothing was sent. Publish the issue on the web only, or send it once you have subscribers.")
    String emptyAudienceEveryone();

    @Message("It will be published on the web only: no one will be mailed.")
    String webOnlyScheduled();

    // why a send is paused

    @Message("paused by {who}")
    String pause_by(String who);

    @Message("the relay refused on policy grounds ({reply}): check the relay's authentication, SPF/DKIM and sending limits, then resume")
    String pause_policy(String reply);

    @Message("the relay refused the sender ({reply}): check the publication's sender address and what the relay lets it send, then resume")
    String pause_sender(String reply);

    @Message("the publication is suspended: {why}")
    String pause_suspended(String why);

    @Message("no subscriber would receive it")
    String pause_noRecipient();

    // what readers sent privately: notes and tips

    @Message("Notes")
    String notes();

    @Message("Notes from readers")
    String notesTitle();

    @Message("Private notes readers sent you, once they confirmed their address. Only you see them.")
    String notesHint();

    @Message("{count} unread")
    String unreadCount(long count);

    @Message("Unread only")
    String onlyUnread();

    @Message("All notes")
    String allNotes();

    @Message("Mark read")
    String markRead();

    @Message("Mark unread")
    String markUnread();

    @Message("Unread")
    String unread();

    @Message("No notes yet.")
    String noNotes();

    @Message("Tips")
    String tips();

    @Message("Coffees from readers")
    String tipsTitle();

    @Message("Totals per month")
    String monthlyTotals();

    @Message("Month")
    String col_month();

    @Message("Tips")
    String col_tips();

    @Message("Coffees")
    String col_coffees();

    @Message("Paid")
    String col_paid();

    @Message("Refunded")
    String col_refunded();

    @Message("Kept")
    String col_kept();

    @Message("Date")
    String col_date();

    @Message("Issue")
    String col_issue();

    @Message("From")
    String col_from();

    @Message("Message")
    String col_message();

    @Message("Amount")
    String col_amount();

    @Message("No tips yet.")
    String noTips();

    @Message("Every status")
    String allStatuses();

    @Message("Show")
    String show();

    @Message("waiting for payment")
    String tip_pending();

    @Message("paid")
    String tip_paid();

    @Message("failed")
    String tip_failed();

    @Message("refunded")
    String tip_refunded();

    @Message("Account")
    String accountMenu();

    @Message("Account settings")
    String accountSettings();

    @Message("Language")
    String language();

    @Message("Change")
    String changeLanguage();
}
