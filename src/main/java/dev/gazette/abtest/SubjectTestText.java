package dev.gazette.abtest;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the studio's subject test page, in English here and in Korean in {@code
 * messages/abtest_ko.properties}; templates use them as {@code {abtest:key}}.
 */
@MessageBundle(value = "abtest", locale = "en")
interface SubjectTestText {

    @Message("A/B subject test")
    String title();

    @Message("A/B subject test: try two to four subjects")
    String linkFromIssue();

    @Message("Try two to four subject lines (each with its own preheader if you like) on a random sample of your audience, split evenly. When the test time is over, the subject with the best rate of opens or clicks (by people, not by mail providers' machines) goes to everyone else. You can also pick the winner yourself before then. Every subscriber gets exactly one message; the web version and the archive keep the issue's own title.")
    String intro();

    @Message("Saved. The test starts with the send.")
    String saved();

    @Message("Variant {number}")
    String variant(int number);

    @Message("Subject")
    String field_subject();

    @Message("Preheader (optional)")
    String field_preheader();

    @Message("Leave the third and fourth empty to test two or three subjects.")
    String hint_variants();

    @Message("Sample (% of the audience)")
    String field_sample();

    @Message("10 to 50. Each variant gets an equal part of the sample, at least {minimum} recipients when the audience allows.")
    String hint_sample(int minimum);

    @Message("Test time (hours)")
    String field_wait();

    @Message("1 to 168 (7 days), counted from the start of the send.")
    String hint_wait();

    @Message("The winner is the one with the most")
    String field_metric();

    @Message("opens (unique, by people)")
    String metric_opens();

    @Message("clicks (unique, by people)")
    String metric_clicks();

    @Message("Save the test")
    String save();

    @Message("Remove the test")
    String remove();

    @Message("Without a test, everyone gets the issue's own subject.")
    String removeHint();

    @Message("The send of this issue has started or is over: the test can no longer change.")
    String locked();

    @Message("This publication does not track opens and clicks, which a test needs to choose a winner. Turn tracking on in the publication's settings first.")
    String noTracking();

    @Message("Testing: {perVariant} recipients per variant; the other {held} wait for the winner, chosen {decideAt} (UTC) unless you pick it first.")
    String testing(long perVariant, long held, String decideAt);

    @Message("The send was cancelled before a winner was chosen.")
    String stopped();

    @Message("Variant {winner} won by its rate of {metric}, {decidedAt} (UTC).")
    String decidedByMetric(int winner, String metric, String decidedAt);

    @Message("You picked variant {winner}, {decidedAt} (UTC).")
    String decidedByHand(int winner, String decidedAt);

    @Message("opens")
    String word_opens();

    @Message("clicks")
    String word_clicks();

    @Message("Results of the sample")
    String results();

    @Message("Variant")
    String col_variant();

    @Message("Recipients")
    String col_recipients();

    @Message("Sent")
    String col_sent();

    @Message("Unique opens")
    String col_opens();

    @Message("Open rate")
    String col_openRate();

    @Message("Unique clicks")
    String col_clicks();

    @Message("Click rate")
    String col_clickRate();

    @Message("Winner")
    String winner();

    @Message("The rest of the audience")
    String remainder();

    @Message("Pick variant {number} as the winner")
    String pick(int number);

    @Message("Picking sends the chosen subject to everyone still waiting, at once.")
    String pickHint();

    @Message("Rates are of messages sent; opens and clicks that look machine-made are left out. A tie goes to the lower variant number.")
    String ratesHint();

    @Message("Back to the issue")
    String back();

    @Message("Each variant needs a subject of one line, at most 200 characters, different from the others; two to four variants.")
    String error_subjects();

    @Message("A preheader is one line of at most 300 characters.")
    String error_preheader();

    @Message("The sample is a whole number from 10 to 50.")
    String error_sample();

    @Message("The test time is a whole number of hours from 1 to 168.")
    String error_wait();

    @Message("Choose opens or clicks.")
    String error_metric();

    @Message("This test's winner is already chosen.")
    String error_decided();

    @Message("The test starts with the send; there is no winner to pick yet.")
    String error_notStarted();
}
