package dev.gazette.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gazette.core.SignedTokens;
import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;
import dev.gazette.testing.MovableClock;

/**
 * Dunning under a moved clock: a declined renewal walks the retry schedule (1d, 3d, 5d, 7d) to the
 * end with one mail per decline and each try charged once however many runs race; a new card makes
 * the next try pay and the member active again; a provider that bills itself is never charged but
 * its reported declines and end mail the member the same way.
 */
@QuarkusTest
class DunningTest {

    private static final Pattern CARD_LINK = Pattern.compile("https?://[^/\\s]+(/membership/card/[A-Za-z0-9_.-]+)");

    @Inject
    DataSource db;

    @Inject
    SignedTokens tokens;

    @Inject
    MovableClock clock;

    @Inject
    Renewals renewals;

    @Inject
    Dunning dunning;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aDeclinedRenewalWalksTheScheduleToTheEndWithOneMailPerDeclineAndEachTryChargedOnce() throws Exception {
        Members.Pub pub = Members.monthly("Dunning");
        Members.Reader reader = Members.reader(db, tokens, pub);
        Members.checkout(pub, reader, SandboxBilling.DECLINES_RENEWALS);
        long id = Members.membershipId(db, reader);

        clock.forwardWhenSettled(db, Duration.ofDays(32));
        renewals.runOnce();
        assertThat(Members.state(db, reader)).isEqualTo("past_due");
        awaitMails(reader, 1);
        CapturedMessage first = mails(reader.email()).get(0);
        assertThat(first.subject()).contains("결제가 완료되지 않았어요");
        assertThat(first.textPart().orElseThrow()).contains("5000 KRW").contains("다시 결제를 시도할게요");
        assertThat(first.header("List-Unsubscribe")).isPresent();
        Matcher link = CARD_LINK.matcher(first.textPart().orElseThrow());
        assertThat(link.find()).isTrue();
        assertThat(first.htmlPart().orElseThrow()).contains(link.group(1));

        // nothing is tried before the first offset, however often the job runs
        race(2, () -> dunning.runOnce());
        assertThat(charges(id, "failed")).isEqualTo(1);

        // the four tries, each when it is due, each raced by two runs: one charge per try, one mail per decline
        Duration[] waits = {Duration.ofDays(1).plusMinutes(1), Duration.ofDays(2), Duration.ofDays(2), Duration.ofDays(2)};
        for (int attempt = 1; attempt <= 4; attempt++) {
            clock.forwardWhenSettled(db, waits[attempt - 1]);
            List<Integer> tried = race(2, () -> dunning.runOnce());
            // other tests' past-due members may be due too: the count of this one's charges is what matters
            assertThat(tried.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(1);
            assertThat(Db.count(db, "SELECT count(*) FROM membership_charge WHERE membership_id = ? AND idempotency_key"
                    + " LIKE ?", id, "membership-" + id + "-%-retry-" + attempt)).isOne();
            assertThat(Db.count(db, "SELECT dunning_attempts FROM membership WHERE id = ?", id)).isEqualTo(attempt);
            awaitMails(reader, 1 + attempt);
        }
        assertThat(charges(id, "failed")).isEqualTo(5);
        assertThat(Db.count(db, "SELECT count(DISTINCT period_start) FROM membership_charge WHERE membership_id = ?"
                + " AND status = 'failed'", id)).isOne();
        assertThat(Members.state(db, reader)).isEqualTo("ended");
        assertThat(Members.ledger(db, reader)).containsExactly("started:->active", "payment_failed:active>past_due",
                "retry_failed:past_due>past_due", "retry_failed:past_due>past_due", "retry_failed:past_due>past_due",
                "ended:past_due>ended");
        assertThat(Db.count(db, "SELECT count(*) FROM membership_ledger WHERE membership_id = ? AND action = 'ended'"
                + " AND reason = 'payment_failed_after_retries' AND actor = 'system'", id)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM event WHERE type = 'member.canceled' AND data ->> 'membershipId' = ?",
                Long.toString(id))).isOne();
        List<CapturedMessage> mails = mails(reader.email());
        assertThat(mails).hasSize(5);
        assertThat(mails.subList(0, 4)).allSatisfy(m -> assertThat(m.subject()).contains("결제가 완료되지 않았어요"));
        assertThat(mails.get(4).subject()).contains("유료 구독이 끝났어요");
        assertThat(mails.get(4).textPart().orElseThrow()).contains("5000 KRW");
        // the last try's mail names no further try
        assertThat(mails.get(3).textPart().orElseThrow()).contains("다시 결제를 시도할게요");

        // ended: nothing is due any more
        clock.forwardWhenSettled(db, Duration.ofDays(10));
        dunning.runOnce();
        assertThat(charges(id, "failed")).isEqualTo(5);
    }

    @Test
    void aNewCardOnTheSignedPageMakesTheNextTryPayAndTheMemberActiveAgain() {
        Members.Pub pub = Members.monthly("NewCard");
        Members.Reader reader = Members.reader(db, tokens, pub);
        Members.checkout(pub, reader, SandboxBilling.DECLINES_RENEWALS);
        long id = Members.membershipId(db, reader);
        String dueAt = Db.text(db, "SELECT CAST(current_period_end AS text) FROM membership WHERE id = ?", id);
        clock.forwardWhenSettled(db, Duration.ofDays(32));
        renewals.runOnce();
        awaitMails(reader, 1);
        Matcher link = CARD_LINK.matcher(mails(reader.email()).get(0).textPart().orElseThrow());
        assertThat(link.find()).isTrue();
        String path = link.group(1);

        String client = Api.randomClient();
        Members.Page page = Members.open(client, path, null);
        assertThat(page.html()).contains("id=\"card-failed\"").contains("5000 KRW");
        // without the page's csrf token, with a token of another purpose or membership, nothing changes
        Members.post(client, new Members.Page(page.html(), page.cookie(), null), path, Map.of("card", "4242424242424242"))
                .then().statusCode(403).body("code", equalTo("csrf_failed"));
        Members.browser(client).get("/membership/card/" + tokens.sign("subscriber-preferences", reader.id())).then()
                .statusCode(404).body("code", equalTo("invalid_token"));
        Members.browser(client).get("/membership/card/" + reader.token()).then().statusCode(404);
        // the declining card is refused on the page, as typed
        Members.post(client, page, path, Map.of("card", SandboxBilling.DECLINED)).then().statusCode(422);
        Members.post(client, page, path, Map.of("card", "12")).then().statusCode(422);
        assertThat(Db.text(db, "SELECT provider_ref FROM membership WHERE id = ?", id)).endsWith(
                SandboxBilling.DECLINES_RENEWALS);

        Members.post(client, page, path, Map.of("card", "4242 4242 4242 4242")).then().statusCode(303);
        assertThat(Db.text(db, "SELECT provider_ref FROM membership WHERE id = ?", id)).endsWith("4242424242424242");
        // the next try is brought forward to now, and it pays
        assertThat(dunning.runOnce()).isPositive();
        assertThat(Members.state(db, reader)).isEqualTo("active");
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE id = ? AND CAST(current_period_start AS text) = ?"
                + " AND past_due_since IS NULL AND next_retry_at IS NULL AND dunning_attempts = 0", id, dueAt)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge WHERE membership_id = ? AND status = 'paid'"
                + " AND idempotency_key LIKE '%-retry-1' AND CAST(period_start AS text) = ?", id, dueAt)).isOne();
        assertThat(Members.ledger(db, reader)).containsExactly("started:->active", "payment_failed:active>past_due",
                "card_updated:past_due>past_due", "renewed:past_due>active");
        // paid: no further mail, and the next period renews as usual
        Mailbox.assertNoneSince(m -> m.recipients().contains(reader.email()) && m.subject().contains("유료 구독이 끝났어요"));
        assertThat(mails(reader.email())).hasSize(1);
        assertThat(Members.open(client, path, page.cookie()).html()).doesNotContain("id=\"card-failed\"");
    }

    @Test
    void aProviderThatBillsItselfIsNeverRetriedButItsDeclinesAndItsEndMailTheMember() {
        Members.Pub pub = Members.monthly("SelfBilled");
        Members.Reader reader = Members.reader(db, tokens, pub);
        Members.checkout(pub, reader, "4242424242424242");
        long id = Members.membershipId(db, reader);
        Db.execute(db, "UPDATE membership SET provider = ? WHERE id = ?", SelfBillingProvider.NAME, id);

        Instant providerRetry = Instant.now().plus(Duration.ofDays(3));
        QuarkusTransaction.requiringNew().run(() -> dunning.declinedByProvider(Membership.findById(id),
                new BigDecimal("5000"), "card_declined", providerRetry));
        assertThat(Members.state(db, reader)).isEqualTo("past_due");
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE id = ? AND next_retry_at IS NULL", id)).isOne();
        awaitMails(reader, 1);
        CapturedMessage declined = mails(reader.email()).get(0);
        assertThat(declined.textPart().orElseThrow()).contains("다시 결제를 시도할게요").contains("/membership/card/");
        // the signed card link leads to the provider's portal
        Matcher link = CARD_LINK.matcher(declined.textPart().orElseThrow());
        assertThat(link.find()).isTrue();
        assertThat(Members.browser(Api.randomClient()).get(link.group(1)).then().statusCode(303).extract()
                .header("Location")).startsWith(SelfBillingProvider.PORTAL);

        // Gazette never tries it, whenever the job runs
        clock.forwardWhenSettled(db, Duration.ofDays(10));
        dunning.runOnce();
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge WHERE membership_id = ?", id)).isOne();

        QuarkusTransaction.requiringNew().run(() -> dunning.declinedByProvider(Membership.findById(id),
                new BigDecimal("5000"), "card_declined", null));
        awaitMails(reader, 2);
        assertThat(mails(reader.email()).get(1).textPart().orElseThrow())
                .contains("결제 대행사가 다시 결제를 시도할 거예요.");
        QuarkusTransaction.requiringNew().run(() -> dunning.endedByProvider(Membership.findById(id),
                new BigDecimal("5000"), null));
        awaitMails(reader, 3);
        assertThat(mails(reader.email()).get(2).subject()).contains("유료 구독이 끝났어요");
        assertThat(Members.ledger(db, reader)).containsExactly("started:->active", "payment_failed:active>past_due",
                "retry_failed:past_due>past_due", "ended:past_due>ended");
        assertThat(Db.count(db, "SELECT count(*) FROM membership_ledger WHERE membership_id = ? AND action = 'ended'"
                + " AND actor = 'provider:selfbilling'", id)).isOne();
        // a report after the end changes nothing
        QuarkusTransaction.requiringNew().run(() -> dunning.endedByProvider(Membership.findById(id),
                new BigDecimal("5000"), null));
        assertThat(Members.ledger(db, reader)).hasSize(4);
    }

    @Test
    void theScheduleIsParsedStrictly() {
        assertThat(DunningSchedule.parse("1d, 3d,5d,7d").offsets()).containsExactly(Duration.ofDays(1), Duration.ofDays(3),
                Duration.ofDays(5), Duration.ofDays(7));
        assertThat(DunningSchedule.parse("30m,12h").offsets()).containsExactly(Duration.ofMinutes(30),
                Duration.ofHours(12));
        assertThat(DunningSchedule.parse("").offsets()).isEmpty();
        for (String bad : List.of("3d,1d", "0d", "1w", "1d,,x", "-1d")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DunningSchedule.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        Instant since = Instant.parse("2026-01-31T10:00:00Z");
        DunningSchedule schedule = DunningSchedule.parse("1d,3d");
        assertThat(schedule.next(since, 0)).contains(Instant.parse("2026-02-01T10:00:00Z"));
        assertThat(schedule.next(since, 1)).contains(Instant.parse("2026-02-03T10:00:00Z"));
        assertThat(schedule.next(since, 2)).isEmpty();
    }

    private long charges(long membershipId, String status) {
        return Db.count(db, "SELECT count(*) FROM membership_charge WHERE membership_id = ? AND status = ?", membershipId,
                status);
    }

    private static void awaitMails(Members.Reader reader, int count) {
        await("mails to the member").atMost(Duration.ofSeconds(30))
                .until(() -> mails(reader.email()).size() >= count);
        assertThat(mails(reader.email())).hasSize(count);
    }

    /** Runs the same call on this many threads released at one moment. */
    static <T> List<T> race(int threads, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The messages to this address, oldest first. */
    static List<CapturedMessage> mails(String address) {
        return Mailbox.to(address).stream().sorted(java.util.Comparator.comparingLong(CapturedMessage::id)).toList();
    }
}
