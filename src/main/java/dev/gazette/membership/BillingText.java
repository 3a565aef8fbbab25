package dev.gazette.membership;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the real providers' pages (Toss's card registration, the page a provider sends the
 * reader back to), the refunds in the studio and the receipts' refunds, in English here and in
 * Korean in {@code messages/billing_ko.properties}; templates use them as {@code {billing:key}}.
 */
@MessageBundle(value = "billing", locale = "en")
interface BillingText {

    @Message("Register your card")
    String tossTitle();

    @Message("Toss Payments keeps your card. {publication} charges it each period, as the recurring-payment terms you accepted say; you can cancel from your preferences page at any time.")
    String tossIntro(String publication);

    @Message("Register a card with Toss Payments")
    String tossButton();

    @Message("The card registration window needs JavaScript.")
    String tossNoScript();

    @Message("The card was not registered")
    String tossFailed();

    @Message("Toss Payments said: {message}")
    String tossSaid(String message);

    @Message("Try again")
    String tryAgain();

    @Message("Waiting for the payment to be confirmed")
    String pendingTitle();

    @Message("The payment provider confirms your payment in a moment. Reload this page to see it.")
    String pendingText();

    @Message("Welcome: you are a member")
    String paidTitle();

    @Message("Your membership has started. Every issue is yours to read in full.")
    String paidText();

    @Message("The payment was declined")
    String failedTitle();

    @Message("The checkout was cancelled")
    String cancelledTitle();

    @Message("Back to the publication")
    String back();

    @Message("Manage card and billing")
    String portal();

    @Message("Refunded {amount} {currency}")
    String refundedPart(String amount, String currency);

    @Message("Charges and refunds")
    String chargesTitle();

    @Message("Give back all or part of a charge. The money goes back through the provider that took it (the sandbox moves none); the membership itself does not change: end it separately if you wish.")
    String chargesIntro();

    @Message("Members")
    String backToMembers();

    @Message("Charges")
    String chargesLink();

    @Message("No charge yet.")
    String noCharges();

    @Message("Date")
    String col_date();

    @Message("Amount")
    String col_amount();

    @Message("Refunded")
    String col_refunded();

    @Message("Refund")
    String col_refund();

    @Message("Amount to refund")
    String field_amount();

    @Message("Reason (optional)")
    String field_reason();

    @Message("Refund")
    String refundButton();

    @Message("Refund of charge {id}")
    String refundFor(long id);

    @Message("Refunded in full")
    String fullyRefunded();

    @Message("Declined")
    String declined();

    @Message("Refund recorded.")
    String saved();

    @Message("Refunds")
    String refundsTitle();

    @Message("Enter an amount above zero, with no more decimals than the currency has.")
    String error_amount();

    @Message("That is more than is left of the charge.")
    String error_exceeds();

    @Message("This charge was refunded in full already.")
    String error_full();

    @Message("This charge took no money.")
    String error_not_paid();

    @Message("The payment provider refused the refund.")
    String error_refused();

    @Message("The payment provider could not be reached; nothing was refunded. Try again.")
    String error_unavailable();
}
