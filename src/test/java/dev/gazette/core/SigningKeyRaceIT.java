package dev.gazette.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.gazette.testing.AppProcess;
import dev.gazette.testing.AppScenario;
import dev.gazette.testing.Gazette;
import dev.gazette.testing.MailedLinks;

/**
 * ADR 4 without {@code GAZETTE_SECRET}: two instances started at the same moment on one fresh,
 * empty database both need the signing key at once. One key is kept (first instance wins), both
 * sign with it, and a link either one mailed is accepted by the other.
 */
class SigningKeyRaceIT {

    private static final String KEY = "SELECT count(*) FROM platform_secret WHERE name = 'token-signing'";
    /** Well formed (a subject and a 32-byte signature) but signed with no key: every instance refuses it. */
    private static final String FORGED = "MXw." + "A".repeat(43);

    @RegisterExtension
    static final Gazette gazette = Gazette.of("signing-key", Map.of(
            "GAZETTE_BASE_URL", "https://news.example.test",
            "GAZETTE_SUBSCRIBER_SUBSCRIBE_PER_MINUTE", "1000",
            "GAZETTE_DELIVERY_POLL_INTERVAL", "PT0.1S"));

    @Test
    void twoInstancesRacingOnAnEmptyDatabaseKeepOneKeyAndAcceptEachOthersLinks() throws Exception {
        assertThat(gazette.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).as("an empty database")
                .isZero();
        Map<String, AppProcess> both = gazette.bootTogether(Map.of(
                "a", Map.of("QUARKUS_MAILER_OWN_HOST_NAME", "a.gazette.test"),
                "b", Map.of("QUARKUS_MAILER_OWN_HOST_NAME", "b.gazette.test")));
        AppProcess a = both.get("a");
        AppProcess b = both.get("b");

        // both check a link at the same moment, several times over: each needs the key at once
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService checkers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> checks = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                AppProcess app = i % 2 == 0 ? a : b;
                checks.add(checkers.submit(() -> {
                    go.await();
                    return app.get("/preferences/" + FORGED, null).statusCode();
                }));
            }
            go.countDown();
            for (Future<Integer> check : checks) {
                assertThat(check.get()).as("a link signed with no key").isEqualTo(404);
            }
        } finally {
            checkers.shutdownNow();
        }
        assertThat(gazette.count(KEY)).as("one signing key kept").isOne();
        byte[] key = HexFormat.of().parseHex(gazette.text(
                "SELECT encode(value, 'hex') FROM platform_secret WHERE name = 'token-signing'"));

        // a subscribes one reader and b another: each confirmation link is signed by the instance asked
        String slug = AppScenario.admin(() -> a).publication(0).slug;
        String viaA = subscribe(a, slug, "via-a");
        String viaB = subscribe(b, slug, "via-b");
        String linkOfA = MailedLinks.path(gazette.relay().awaitMessageTo(viaA, AppScenario.SEND_TIMEOUT), "confirm");
        String linkOfB = MailedLinks.path(gazette.relay().awaitMessageTo(viaB, AppScenario.SEND_TIMEOUT), "confirm");
        assertThat(signedWith(key, "subscriber-confirm", linkOfA)).as("a signed with the kept key").isTrue();
        assertThat(signedWith(key, "subscriber-confirm", linkOfB)).as("b signed with the kept key").isTrue();

        // each link opened on the other instance, and its button (signed there) pressed back on the first
        assertThat(MailedLinks.confirm(b, a, linkOfA).statusCode()).isEqualTo(200);
        assertThat(MailedLinks.confirm(a, b, linkOfB).statusCode()).isEqualTo(200);
        assertThat(gazette.text("SELECT status FROM subscriber WHERE email = ?", viaA)).isEqualTo("active");
        assertThat(gazette.text("SELECT status FROM subscriber WHERE email = ?", viaB)).isEqualTo("active");
        assertThat(gazette.count(KEY)).isOne();
    }

    /** Subscribes a new address on this instance through the public form; returns the address. */
    private static String subscribe(AppProcess app, String slug, String who) throws Exception {
        String email = who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@readers.example.com";
        HttpResponse<String> page = app.post("/p/" + slug + "/subscribe", null, "application/x-www-form-urlencoded",
                "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return email;
    }

    /** Whether the token at the end of this path carries ADR 4's signature under this key. */
    private static boolean signedWith(byte[] key, String purpose, String path) throws Exception {
        String token = path.substring(path.lastIndexOf('/') + 1);
        int dot = token.indexOf('.');
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update(purpose.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        byte[] expected = mac.doFinal(Base64.getUrlDecoder().decode(token.substring(0, dot)));
        return MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(token.substring(dot + 1)));
    }
}
