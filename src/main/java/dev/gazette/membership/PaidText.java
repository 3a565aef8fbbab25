package dev.gazette.membership;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the membership pages (the studio's plans and members, the join and checkout pages,
 * the preferences page's section), in English here and in Korean in {@code messages/paid_ko.properties};
 * templates use them as {@code {paid:key}}.
 */
@MessageBundle(value = "paid", locale = "en")
interface PaidText {

    @Message("Plans")
    String plansTitle();

    @Message("Paid plans readers choose when they become members. Free needs no plan: every subscriber has it. A retired plan is offered to no one new; its members keep it.")
    String plansIntro();

    @Message("No paid plan yet.")
    String noPlans();

    @Message("Plan")
    String col_plan();

    @Message("Price")
    String col_price();

    @Message("Trial")
    String col_trial();

    @Message("Members")
    String col_members();

    @Message("State")
    String col_state();

    @Message("per month")
    String interval_month();

    @Message("per year")
    String interval_year();

    @Message("offered")
    String state_offered();

    @Message("retired")
    String state_retired();

    @Message("Retire")
    String retire();

    @Message("New plan")
    String newPlan();

    @Message("Name")
    String field_name();

    @Message("Billed")
    String field_interval();

    @Message("Price (in the currency's units, e.g. 5000 or 4.99)")
    String field_price();

    @Message("Currency (ISO 4217, e.g. KRW)")
    String field_currency();

    @Message("Free trial (days, 0 for none)")
    String field_trialDays();

    @Message("Create plan")
    String create();

    @Message("{n} days")
    String days(int n);

    @Message("none")
    String none();

    @Message("Members")
    String membersTitle();

    @Message("Paid and complimentary members with their state and current period. Every change is kept in the membership's ledger.")
    String membersIntro();

    @Message("No member yet.")
    String noMembers();

    @Message("Member")
    String col_member();

    @Message("Kind")
    String col_kind();

    @Message("Current period")
    String col_period();

    @Message("paid")
    String kind_paid();

    @Message("complimentary")
    String kind_comp();

    @Message("trialing")
    String st_trialing();

    @Message("active")
    String st_active();

    @Message("payment failed")
    String st_past_due();

    @Message("ended")
    String st_ended();

    @Message("ends at the period's end")
    String cancelsAtEnd();

    @Message("no end")
    String noEnd();

    @Message("Remove")
    String removeComp();

    @Message("Give a complimentary membership")
    String giveComp();

    @Message("To an active subscriber, by address; without an end date it lasts until you remove it.")
    String giveCompHint();

    @Message("Subscriber's address")
    String field_email();

    @Message("Ends on (optional)")
    String field_until();

    @Message("Why (kept in the ledger, optional)")
    String field_reason();

    @Message("Give")
    String give();

    @Message("Saved.")
    String saved();

    @Message("Give the plan a name of 1 to 80 characters.")
    String error_name();

    @Message("Choose monthly or yearly.")
    String error_interval();

    @Message("Give a price above zero, with no more decimals than the currency has.")
    String error_price();

    @Message("That is not an ISO 4217 currency.")
    String error_currency();

    @Message("A trial lasts 0 to 365 days.")
    String error_trialDays();

    @Message("No active subscriber has this address.")
    String error_subscriber();

    @Message("This subscriber already has a membership.")
    String error_already_member();

    @Message("The end date must be in the future.")
    String error_until();

    @Message("The reason is at most 500 characters.")
    String error_reason();

    @Message("That is not an email address.")
    String error_email();

    @Message("Who may read it")
    String accessField();

    @Message("Everyone (paid part below the marker)")
    String access_everyone();

    @Message("Subscribers, free or paid")
    String access_subscribers();

    @Message("Paid members (the part above the marker is a free preview)")
    String access_paid();

    @Message("A line <!-- paywall --> on its own keeps everything below it for paid members: free subscribers and the web stop there with a call to become a member. It never reaches the feed, the shared web page or a free subscriber's email.")
    String editorHint();

    @Message("Become a paid member")
    String joinTitle();

    @Message("Choose a plan. You can cancel at any time from your preferences page; you keep reading until the period you paid for ends.")
    String joinIntro();

    @Message("This publication offers no paid plan.")
    String noOffer();

    @Message("then a free trial of {n} days")
    String trialFor(int n);

    @Message("I accept the recurring-payment terms: I will be charged each period until I cancel.")
    String acceptTerms();

    @Message("Read the recurring-payment terms")
    String readTerms();

    @Message("version {v}")
    String termsVersion(int v);

    @Message("Continue to payment")
    String continueToPay();

    @Message("You are already a member.")
    String alreadyMember();

    @Message("Which subscriber are you?")
    String askLinkTitle();

    @Message("Open this page from the link in any issue you received, or give your address and we will mail you a link to it. Not subscribed yet? Subscribe for free first.")
    String askLinkText();

    @Message("Mail me the link")
    String sendLink();

    @Message("If this address subscribes to {name}, a link is on its way to it.")
    String linkSent(String name);

    @Message("Subscribe for free")
    String subscribeFree();

    @Message("Choose one of the plans.")
    String error_plan();

    @Message("Accept the recurring-payment terms to continue.")
    String error_terms();

    @Message("Payments are not open on this Gazette yet.")
    String error_payments_off();

    @Message("This link is not valid any more: open the page from a recent issue.")
    String error_token();

    @Message("Sandbox checkout")
    String sandboxTitle();

    @Message("No money moves here: this is Gazette's built-in test provider.")
    String sandboxIntro();

    @Message("Test card number")
    String card();

    @Message("4242 4242 4242 4242 pays; 4000 0000 0000 0002 is declined; 4000 0000 0000 0341 pays now and declines renewals.")
    String cardHint();

    @Message("Pay")
    String pay();

    @Message("Cancel")
    String cancelCheckout();

    @Message("You are a member")
    String paidTitle();

    @Message("Thank you! Every paid issue is yours to read.")
    String paidText();

    @Message("The card was declined")
    String failedTitle();

    @Message("Checkout cancelled")
    String cancelledTitle();

    @Message("Back to reading")
    String back();

    @Message("Your membership")
    String panelTitle();

    @Message("You read the free issues.")
    String notMember();

    @Message("Become a paid member")
    String becomeMember();

    @Message("A complimentary membership from the writer.")
    String compNote();

    @Message("Until {date}.")
    String compUntil(String date);

    @Message("Next charge: {amount} on {date}.")
    String nextCharge(String amount, String date);

    @Message("Free trial until {date}; then {amount}.")
    String trialEnds(String date, String amount);

    @Message("Canceled: you read until {date}, and nothing more is charged.")
    String endsOn(String date);

    @Message("The last payment failed; you still read while it is retried.")
    String pastDue();

    @Message("Cancel at the period's end")
    String cancel();

    @Message("Keep my membership")
    String resume();

    @Message("Receipts")
    String receipts();

    @Message("No charge yet.")
    String noReceipts();

    @Message("Date")
    String col_date();

    @Message("Amount")
    String col_amount();

    @Message("Status")
    String col_status();

    @Message("paid")
    String charge_paid();

    @Message("declined")
    String charge_failed();
}
