package dev.gazette.stats;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the dashboards (an issue's, a publication's and the platform's), in English here
 * and in Korean in {@code messages/dash_ko.properties}; templates use them as {@code {dash:key}}. A
 * bundle of its own: Quarkus 3.33's generated bundle fails to load past 300 keys (quarkus#55584).
 */
@MessageBundle(value = "dash", locale = "en")
public interface DashText {

    @Message("Stats")
    String stats();

    @Message("Issue stats")
    String issueStats();

    @Message("status")
    String status();

    @Message("sent")
    String sentAt();

    @Message("recipients")
    String recipients();

    @Message("sent")
    String sent();

    @Message("failed")
    String failed();

    @Message("bounced ({hard} hard, {soft} soft)")
    String bounced(long hard, long soft);

    @Message("complaints")
    String complaints();

    @Message("unsubscribes")
    String unsubscribes();

    @Message("open rate ({unique} unique)")
    String openRate(long unique);

    @Message("opens by people")
    String opensByPeople();

    @Message("opens by machines (kept apart)")
    String opensByMachines();

    @Message("click rate ({unique} unique)")
    String clickRate(long unique);

    @Message("clicks")
    String clicks();

    @Message("web views")
    String webViews();

    @Message("likes")
    String likes();

    @Message("comments")
    String comments();

    @Message("tips · {coffees} coffees · {amount} {currency}")
    String tipsLine(long coffees, java.math.BigDecimal amount, String currency);

    @Message("Opens and clicks in the first days")
    String timelineTitle();

    @Message("How was this letter? ({total} ratings)")
    String feedbackTitle(long total);

    @Message("How was this letter? ({total} ratings, score {score} of 100)")
    String feedbackScore(long total, int score);

    @Message("Links")
    String links();

    @Message("No clicks yet.")
    String noClicks();

    @Message("Link")
    String link();

    @Message("Clicks")
    String clicksCol();

    @Message("Unique")
    String unique();

    @Message("Feedback")
    String chart_feedback();

    @Message("good")
    String good();

    @Message("okay")
    String okay();

    @Message("bad")
    String bad();

    @Message("Opens and clicks per hour since sending")
    String chart_timeline();

    @Message("opens")
    String series_opens();

    @Message("unique opens")
    String series_uniqueOpens();

    @Message("clicks")
    String series_clicks();

    @Message("active subscribers")
    String activeSubscribers();

    @Message("pending")
    String pending();

    @Message("unsubscribed")
    String unsubscribed();

    @Message("from the form")
    String fromForm();

    @Message("imported")
    String imported();

    @Message("added by API")
    String addedByApi();

    @Message("ok")
    String level_ok();

    @Message("warning")
    String level_warning();

    @Message("over")
    String level_over();

    @Message("hard bounces")
    String hardBounces();

    @Message("watch from")
    String watchFrom();

    @Message("over at")
    String overAt();

    @Message("messages sent")
    String messagesSent();

    @Message("Subscriber growth")
    String growthTitle();

    @Message("Engagement trend")
    String trendTitle();

    @Message("Tips income")
    String tipsTitle();

    @Message("Top issues")
    String topIssues();

    @Message("Issue")
    String issue();

    @Message("Sent")
    String sentCol();

    @Message("Open rate")
    String openRateCol();

    @Message("Click rate")
    String clickRateCol();

    @Message("Issues (CSV)")
    String issuesCsv();

    @Message("Growth (CSV)")
    String growthCsv();

    @Message("Subscribers per day")
    String chart_growth();

    @Message("new")
    String series_new();

    @Message("confirmed")
    String series_confirmed();

    @Message("unsubscribed")
    String series_unsubscribed();

    @Message("Open and click rate of the latest issues (%)")
    String chart_engagement();

    @Message("open rate")
    String series_openRate();

    @Message("click rate")
    String series_clickRate();

    @Message("Tips per month")
    String chart_tips();

    @Message("Platform")
    String platform();

    @Message("Platform stats")
    String platformStats();

    @Message("publications")
    String publications();

    @Message("writers")
    String writers();

    @Message("issues sent")
    String issuesSent();

    @Message("unique opens")
    String uniqueOpens();

    @Message("{count} tips")
    String tipsCount(long count);

    @Message("Sending volume")
    String volumeTitle();

    @Message("Messages sent per day")
    String chart_volume();

    @Message("Over threshold")
    String overThreshold();

    @Message("Hard bounce and complaint rates:")
    String thresholdHint();

    @Message("Every publication is under the thresholds.")
    String allUnder();

    @Message("Publication")
    String publication();

    @Message("Bounces")
    String bouncesCol();

    @Message("Complaints")
    String complaintsCol();

    @Message("Top publications")
    String topPublications();

    @Message("Active")
    String activeCol();

    @Message("Publications (CSV)")
    String publicationsCsv();
}
