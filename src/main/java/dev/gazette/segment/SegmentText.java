package dev.gazette.segment;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the studio's segment pages (and the segment choice on the send and sequence pages), in
 * English here and in Korean in {@code messages/segments_ko.properties}; templates use them as
 * {@code {segments:key}}.
 */
@MessageBundle(value = "segments", locale = "en")
public interface SegmentText {

    @Message("Segments")
    String segmentsTitle();

    @Message("A segment is a saved filter over your subscribers: by status, topic, attribute, where they came from, when they signed up, and what they did. A send or a sequence can go to a segment; a send takes its members once, when it starts.")
    String intro();

    @Message("No segment yet.")
    String none();

    @Message("New segment")
    String newSegment();

    @Message("Name")
    String col_name();

    @Message("Match")
    String col_matching();

    @Message("Can be mailed")
    String col_mailable();

    @Message("Name")
    String field_name();

    @Message("Subscribers who match")
    String matchLegend();

    @Message("all of the conditions")
    String match_all();

    @Message("any of the conditions")
    String match_any();

    @Message("Conditions")
    String conditions();

    @Message("Condition {n}")
    String conditionLabel(int n);

    @Message("Condition")
    String field_condition();

    @Message("Attribute")
    String field_key();

    @Message("Value")
    String field_value();

    @Message("In")
    String field_in();

    @Message("the main list")
    String in_top();

    @Message("group A")
    String in_a();

    @Message("group B")
    String in_b();

    @Message("Group A matches")
    String groupA();

    @Message("Group B matches")
    String groupB();

    @Message("A group counts as one condition of the main list: put conditions in group A with \"any\" to say \"this or that\" inside an \"all\" list.")
    String groupsHint();

    @Message("Lists (statuses, topics, sources) are separated by commas. Days are written 2026-12-31. For opened and clicked, the value is how many of the last issues count.")
    String valueHint();

    @Message("— no condition —")
    String cond_none();

    @Message("Status")
    String kind_status();

    @Message("Topics (tags)")
    String kind_tag();

    @Message("Attribute")
    String kind_attribute();

    @Message("Came through")
    String kind_source();

    @Message("Signed up")
    String kind_signup();

    @Message("Engagement")
    String kind_engagement();

    @Message("status is one of")
    String op_status_in();

    @Message("status is none of")
    String op_status_not_in();

    @Message("has any of the topics")
    String op_tag_any();

    @Message("has all of the topics")
    String op_tag_all();

    @Message("has none of the topics")
    String op_tag_none();

    @Message("equals")
    String op_attribute_equals();

    @Message("does not equal")
    String op_attribute_not_equals();

    @Message("contains")
    String op_attribute_contains();

    @Message("is set")
    String op_attribute_exists();

    @Message("is not set")
    String op_attribute_not_exists();

    @Message("is greater than (number)")
    String op_attribute_gt();

    @Message("is at least (number)")
    String op_attribute_gte();

    @Message("is less than (number)")
    String op_attribute_lt();

    @Message("is at most (number)")
    String op_attribute_lte();

    @Message("is before (day)")
    String op_attribute_before();

    @Message("is after (day)")
    String op_attribute_after();

    @Message("came through one of (form, import, api)")
    String op_source_in();

    @Message("came through none of (form, import, api)")
    String op_source_not_in();

    @Message("signed up before (day)")
    String op_signup_before();

    @Message("signed up after (day)")
    String op_signup_after();

    @Message("signed up within the last days")
    String op_signup_within_days();

    @Message("signed up more than days ago")
    String op_signup_older_than_days();

    @Message("opened any of the last issues")
    String op_engagement_opened();

    @Message("opened none of the last issues")
    String op_engagement_not_opened();

    @Message("clicked in any of the last issues")
    String op_engagement_clicked();

    @Message("clicked in none of the last issues")
    String op_engagement_not_clicked();

    @Message("received issues and never opened one")
    String op_engagement_never_opened();

    @Message("tipped")
    String op_engagement_tipped();

    @Message("never tipped")
    String op_engagement_not_tipped();

    @Message("commented")
    String op_engagement_commented();

    @Message("never commented")
    String op_engagement_not_commented();

    @Message("is a paid member")
    String op_engagement_paid_member();

    @Message("is not a paid member")
    String op_engagement_not_paid_member();

    @Message("Opens and clicks count only people: opens by mail providers' image proxies and link scanners do not. Paid membership is not a condition yet: memberships do not exist.")
    String engagementNote();

    @Message("{matching} {#if matching == 1}subscriber matches{#else}subscribers match{/if}; {mailable} can be mailed.")
    String counts(long matching, long mailable);

    @Message("%matching match; %mailable can be mailed.")
    String liveWords();

    @Message("Counting…")
    String counting();

    @Message("Count")
    String count();

    @Message("More conditions")
    String more();

    @Message("Create the segment")
    String create();

    @Message("Save")
    String save();

    @Message("Saved.")
    String saved();

    @Message("Members")
    String members();

    @Message("The first {count} members, of any status.")
    String membersHint(int count);

    @Message("No subscriber matches yet.")
    String noMembers();

    @Message("Address")
    String col_email();

    @Message("Status")
    String col_status();

    @Message("Signed up")
    String col_signedUp();

    @Message("Delete the segment")
    String delete();

    @Message("A send or a sequence that targets this segment keeps it from being deleted.")
    String deleteHint();

    @Message("This filter has groups inside groups, made through the API: this page counts it, and the API changes it.")
    String tooDeep();

    @Message("Give the segment a name (up to 120 characters).")
    String error_name();

    @Message("Condition {n}: {why}")
    String error_row(int n, String why);

    @Message("Check the conditions: nothing was saved.")
    String error_conditions();

    @Message("This segment is in use by a scheduled send or a sequence; change or cancel that first.")
    String error_in_use();

    @Message("a value is needed")
    String why_required();

    @Message("this value is not one this condition knows")
    String why_unknown_value();

    @Message("write a number")
    String why_invalid_number();

    @Message("write a day as 2026-12-31")
    String why_invalid_date();

    @Message("the value is out of range")
    String why_out_of_range();

    @Message("the value is too long (up to 200 characters)")
    String why_too_long();

    @Message("the value has characters that cannot be used")
    String why_invalid_characters();

    @Message("this condition takes no value")
    String why_not_allowed();

    @Message("a topic has letters, digits, spaces, dots, dashes or underscores")
    String why_invalid_tag();

    @Message("too many values or conditions")
    String why_too_many();

    @Message("this is not valid")
    String why_other();

    @Message("Segment")
    String sendSegment();

    @Message("Everyone (no segment)")
    String noSegment();

    @Message("It goes to {count} {#if count == 1}subscriber{#else}subscribers{/if} (in the segment {name}).")
    String audienceSegment(long count, String name);

    @Message("Only subscribers in this segment when the trigger fires")
    String sequenceSegment();
}
