package dev.gazette.stats;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the membership dashboards, in English here and in Korean in {@code
 * messages/ms_ko.properties}; templates use them as {@code {ms:key}}.
 */
@MessageBundle(value = "ms", locale = "en")
public interface MemberStatsText {

    @Message("Paid members")
    String title();

    @Message("Paid members on the platform")
    String platformTitle();

    @Message("Back to the stats")
    String back();

    @Message("Back to the platform's stats")
    String backPlatform();

    @Message("MRR is the monthly value of the paid periods running at the end of each month (now for this one); a yearly plan counts a twelfth. Currencies are never added together.")
    String intro();

    @Message("paying members")
    String paid();

    @Message("on a trial")
    String trialing();

    @Message("past due")
    String pastDue();

    @Message("comps")
    String comps();

    @Message("MRR")
    String mrr();

    @Message("New paid members per month")
    String chart_new();

    @Message("MRR by month")
    String mrrTitle();

    @Message("New and churned members")
    String membersTitle();

    @Message("Revenue by month")
    String revenueTitle();

    @Message("Nothing yet.")
    String none();

    @Message("Month")
    String col_month();

    @Message("Currency")
    String col_currency();

    @Message("Change")
    String col_change();

    @Message("New")
    String col_new();

    @Message("Churned")
    String col_churned();

    @Message("Charges")
    String col_charges();

    @Message("Revenue")
    String col_revenue();

    @Message("Paid members")
    String link();
}
