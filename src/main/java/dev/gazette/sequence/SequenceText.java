package dev.gazette.sequence;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the studio's sequence pages, in English here and in Korean in {@code
 * messages/sequences_ko.properties}; templates use them as {@code {sequences:key}}. A bundle of its
 * own: Quarkus 3.33's generated bundle fails to load past 300 keys (quarkus#55584).
 */
@MessageBundle(value = "sequences", locale = "en")
interface SequenceText {

    @Message("Sequences")
    String sequencesTitle();

    @Message("Mail that follows a trigger by itself: a welcome when someone confirms, a short course when they join a topic. Each step goes once to each subscriber, through the same sending, tracking and unsubscribe links as issues.")
    String intro();

    @Message("No sequence yet.")
    String none();

    @Message("Name")
    String col_name();

    @Message("Starts when")
    String col_trigger();

    @Message("Steps")
    String col_steps();

    @Message("In progress")
    String col_inProgress();

    @Message("Completed")
    String col_completed();

    @Message("Stopped")
    String col_stopped();

    @Message("State")
    String col_state();

    @Message("A subscriber confirms")
    String trigger_confirmed();

    @Message("A subscriber joins a topic")
    String trigger_topic();

    @Message("A subscriber becomes a paid member")
    String trigger_paid();

    @Message("Paid memberships are not there yet: such a sequence starts once they are.")
    String paidNote();

    @Message("Running")
    String state_active();

    @Message("Paused")
    String state_paused();

    @Message("New sequence")
    String newSequence();

    @Message("Name")
    String field_name();

    @Message("Starts when")
    String field_trigger();

    @Message("Topic")
    String field_topic();

    @Message("For a topic sequence: the tag, as on the Topics tab.")
    String hint_topic();

    @Message("Running (unticked: nobody starts it and nobody moves on)")
    String field_active();

    @Message("Create")
    String create();

    @Message("Save")
    String save();

    @Message("Saved.")
    String saved();

    @Message("Delete this sequence")
    String delete();

    @Message("It stops for everyone in it; the numbers of its mail stay in the publication's.")
    String deleteHint();

    @Message("Settings")
    String settings();

    @Message("Steps")
    String steps();

    @Message("No step yet: add the welcome mail first, with a delay of 0.")
    String noSteps();

    @Message("Add a step")
    String addStep();

    @Message("#")
    String col_position();

    @Message("Subject")
    String col_subject();

    @Message("Delay")
    String col_delay();

    @Message("Sent")
    String col_sent();

    @Message("Opens")
    String col_opens();

    @Message("Clicks")
    String col_clicks();

    @Message("Unsubscribes")
    String col_unsubscribes();

    @Message("Sent, people who opened and clicked, and the unsubscribes that followed each step.")
    String statsHint();

    @Message("At once")
    String atOnce();

    @Message("{n} min")
    String minutes(long n);

    @Message("Edit")
    String edit();

    @Message("Paused by the sending engine: {reason}")
    String pausedStep(String reason);

    @Message("Resume")
    String resume();

    @Message("New step")
    String newStep();

    @Message("Step {position}")
    String stepTitle(int position);

    @Message("Subject")
    String field_subject();

    @Message("Preheader")
    String field_preheader();

    @Message("The line mail apps show after the subject.")
    String hint_preheader();

    @Message("Body (Markdown)")
    String field_body();

    @Message("Layout")
    String field_layout();

    @Message("Default layout")
    String defaultLayout();

    @Message("Delay")
    String field_delay();

    @Message("After the step before; for the first step, after the trigger. 0 is at once.")
    String hint_delay();

    @Message("minutes")
    String unit_minutes();

    @Message("hours")
    String unit_hours();

    @Message("days")
    String unit_days();

    @Message("Place (1 is first)")
    String field_position();

    @Message("Saving never sends a step again to anyone who already received it.")
    String editNote();

    @Message("Remove this step")
    String remove();

    @Message("Nobody receives it from now on; those who did keep it, and its numbers stay.")
    String removeHint();

    @Message("Back to the sequence")
    String back();

    @Message("Subscribers: {active} in progress, {completed} completed, {stopped} stopped")
    String enrollments(long active, long completed, long stopped);

    @Message("A name is required (one line, at most 120 characters).")
    String error_name();

    @Message("Choose when it starts.")
    String error_trigger();

    @Message("A topic sequence needs its topic.")
    String error_topic_required();

    @Message("Only a topic sequence has a topic: leave it empty.")
    String error_topic_not_allowed();

    @Message("A topic is 1 to 64 letters, digits, spaces, dots, hyphens or underscores.")
    String error_invalid_tag();

    @Message("A subject is required (one line, at most 200 characters).")
    String error_subject();

    @Message("The preheader is one line of at most 300 characters.")
    String error_preheader();

    @Message("The delay is a whole number, at most a year.")
    String error_delay();

    @Message("The place is a whole number from 1.")
    String error_position();

    @Message("The body is too long.")
    String error_body_too_large();

    @Message("That layout is not one of this publication's.")
    String error_unknown_template();

    @Message("A sequence has at most 50 steps.")
    String error_too_many_steps();

    @Message("Start the publication's sequences (a welcome mail, for example) for the subscribers this import adds")
    String importStartSequences();
}
