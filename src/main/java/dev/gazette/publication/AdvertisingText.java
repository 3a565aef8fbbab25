package dev.gazette.publication;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the advertising settings and the editor's advertising mark, in English here and in
 * Korean in {@code messages/advertising_ko.properties}; templates use them as {@code {advertising:key}}.
 */
@MessageBundle(value = "advertising", locale = "en")
public interface AdvertisingText {

    @Message("Advertising")
    String title();

    @Message("Korean law (정보통신망법 제50조) asks more of advertising mail: its subject starts with \"(광고)\", it names the sender and a contact and offers a free unsubscribe, subscribers are told the result when they give or withdraw consent, and every two years each subscriber is reminded of their consent. Gazette does all of it for the issues you mark as advertising, or for every issue.")
    String intro();

    @Message("The sender's contact")
    String contact();

    @Message("A telephone number, postal address or email address, shown at the end of every advertising mail. Leave it empty to stop sending advertising.")
    String contactHint();

    @Message("Every issue of this publication is advertising")
    String everyIssue();

    @Message("Save")
    String save();

    @Message("Saved.")
    String saved();

    @Message("Not an advertising publication: no issue is marked \"(광고)\".")
    String off();

    @Message("Consent reminders")
    String reminders();

    @Message("{sent} reminders sent, {kept} answered \"keep\", {left} left after a reminder. Subscribers who do not answer stay subscribed: their consent stands until they withdraw it.")
    String reminderCounts(long sent, long kept, long left);

    @Message("This issue is advertising")
    String advertisingField();

    @Message("Its subject will start with \"(광고)\" and its footer will name the sender and the contact set in the publication's advertising settings (/studio/publications/{slug}/advertising).")
    String issueHint(String slug);

    @Message("Name the sender's contact in the publication's advertising settings first")
    String contactRequired();

    @Message("An issue not yet sent is marked as advertising: unmark it first")
    String inUse();

    @Message("At most 300 characters on one line")
    String contactInvalid();
}
