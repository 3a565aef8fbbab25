package dev.gazette.membership;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of billing mail (a declined charge, the end after the last try, the notices before a
 * yearly renewal and a price change), the card page, the plan change on the preferences page and
 * the studio's price change, in English here and in Korean in {@code messages/dun_ko.properties};
 * templates use them as {@code {dun:key}}.
 */
@MessageBundle(value = "dun", locale = "en")
interface DunningText {

    @Message("Your payment did not go through")
    String mail_failed_subject();

    @Message("Your membership has ended")
    String mail_ended_subject();

    @Message("Your yearly membership renews soon")
    String mail_renewal_subject();

    @Message("The price of your membership is changing")
    String mail_price_subject();

    @Message("We could not charge {amount} for your membership of {publication}. You can still read everything while we try again.")
    String mail_failed(String amount, String publication);

    @Message("We will try again on {date}.")
    String mail_nextTry(String date);

    @Message("Your payment provider will try again.")
    String mail_providerTries();

    @Message("Update your card")
    String mail_fixCard();

    @Message("Update your card here:")
    String mail_fixCardText();

    @Message("We tried to charge {amount} for your membership of {publication} several times without success, so your membership has ended. You stay a free subscriber, and you can become a member again at any time.")
    String mail_ended(String amount, String publication);

    @Message("Your yearly membership of {publication} renews automatically on {date}, and {amount} will be charged then.")
    String mail_renewal(String publication, String date, String amount);

    @Message("To stop it, cancel before that date on your preferences page:")
    String mail_renewalCancel();

    @Message("The price of your membership of {publication} changes from {old} to {amount}. You pay the new price from the period starting on {date}; until then nothing changes.")
    String mail_price(String publication, String old, String amount, String date);

    @Message("If you do not want to continue at this price, cancel before that date on your preferences page:")
    String mail_priceCancel();

    @Message("Your preferences")
    String mail_preferences();

    @Message("Your card")
    String card_title();

    @Message("Your last payment of {amount} did not go through.")
    String card_failed(String amount);

    @Message("The next try is on {date}; with a new card we try it right away.")
    String card_nextTry(String date);

    @Message("This is the sandbox: no money moves. Any test card number works except 4000 0000 0000 0002 (declined) and 4000 0000 0000 0341 (declines renewals).")
    String card_sandbox();

    @Message("Card number")
    String card_number();

    @Message("Save the card")
    String card_save();

    @Message("Your card is saved.")
    String card_saved();

    @Message("Enter a card number of 12 to 19 digits.")
    String card_invalid();

    @Message("This card was declined. Try another one.")
    String card_declined();

    @Message("Change plan")
    String change_title();

    @Message("Your new plan starts with your next period; the current one stays as you paid it (no proration).")
    String change_hint();

    @Message("New plan")
    String change_plan();

    @Message("Switch plan")
    String change_submit();

    @Message("Your payment provider keeps your card and plan.")
    String change_atProvider();

    @Message("Manage your membership")
    String change_portal();

    @Message("per month")
    String per_month();

    @Message("per year")
    String per_year();

    @Message("Change the price of {name}")
    String price_title(String name);

    @Message("New members pay the new price at once. Each member is mailed a notice, and pays the new price from their first period starting at least {days} days after it; they can cancel before.")
    String price_intro(int days);

    @Message("Now")
    String price_now();

    @Message("New price ({currency})")
    String price_field(String currency);

    @Message("Change the price")
    String price_submit();

    @Message("The price is changed; members are told by mail.")
    String price_saved();

    @Message("Earlier changes")
    String price_history();

    @Message("No change yet.")
    String price_none();

    @Message("Date")
    String col_date();

    @Message("From")
    String col_from();

    @Message("To")
    String col_to();

    @Message("Members told")
    String col_told();

    @Message("Enter a price above zero, with no more decimals than the currency has.")
    String price_invalid();

    @Message("The plan costs this already.")
    String price_unchanged();

    @Message("Back to the plans")
    String price_back();

    @Message("Change the price")
    String price_link();
}
