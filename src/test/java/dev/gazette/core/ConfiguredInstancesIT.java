package dev.gazette.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.AppProcess;
import dev.gazette.testing.AppScenario;
import dev.gazette.testing.AppScenario.Publication;
import dev.gazette.testing.Db;
import dev.gazette.testing.Gazette;
import dev.gazette.testing.MailedLinks;
import dev.gazette.testing.ScriptedSmtpServer;

/**
 * The packaged application as an operator configures it, booted as few times as possible: two
 * instances on one database with {@code GAZETTE_SECRET}, an https base URL, closed signup, short
 * session and confirmation TTLs and a 7-day stats window; a third on its own database without a
 * secret (the generated key of ADR 4). Mail goes to a scripted relay.
 */
class ConfiguredInstancesIT {

    private static final String SECRET = "it-secret-" + UUID.randomUUID();
    private static final Duration SESSION_TTL = Duration.ofSeconds(10);
    private static final Duration CONFIRM_TTL = Duration.ofSeconds(10);
    @RegisterExtension
    static final Gazette gazette = Gazette.of("configured", Map.ofEntries(
            Map.entry("GAZETTE_BASE_URL", "https://news.example.test"),
            Map.entry("GAZETTE_AUTH_SIGNUP_OPEN", "false"),
            Map.entry("GAZETTE_AUTH_SESSION_TTL", SESSION_TTL.toString()),
            Map.entry("GAZETTE_AUTH_BCRYPT_COST", "4"),
            Map.entry("GAZETTE_SUBSCRIBER_SUBSCRIBE_PER_MINUTE", "1000"),
            Map.entry("GAZETTE_SUBSCRIBER_CONFIRM_TTL", CONFIRM_TTL.toString()),
            Map.entry("GAZETTE_STATS_DAYS", "7"),
            Map.entry("GAZETTE_DELIVERY_POLL_INTERVAL", "PT0.1S"),
            Map.entry("GAZETTE_DELIVERY_START_CHECK", "200ms")));

    private static ScriptedSmtpServer relay;
    private static AppProcess first;
    private static AppProcess second;
    private static AppProcess unkeyed;
    private static String adminToken;

    @BeforeAll
    static void start() throws Exception {
        relay = gazette.relay();
        gazette.database("unkeyed");
        // boot in parallel: the slowest part of this class
        Map<String, AppProcess> booted = gazette.bootTogether(Map.of("first", KEYED, "second", KEYED,
                "unkeyed", unkeyed()));
        first = booted.get("first");
        second = booted.get("second");
        unkeyed = booted.get("unkeyed");
        // an API token does not end with the short session TTL
        adminToken = apiToken(first);
    }

    @Test
    void anHttpsBaseUrlMarksTheSessionCookieSecure() throws Exception {
        HttpResponse<String> login = first.postJson("/api/v1/auth/login", null,
                "{\"email\":\"" + Gazette.ADMIN + "\",\"password\":\"" + Gazette.ADMIN_PASSWORD + "\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(v -> v.startsWith("gazette_session="))
                .findFirst().orElseThrow();
        assertThat(java.util.Arrays.stream(cookie.split(";")).map(String::strip).toList()).contains("Secure", "HttpOnly",
                "SameSite=Lax");
    }

    @Test
    void closedSignupRefusesEveryoneAndStoresNothing() throws Exception {
        String email = "closed-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> signup = first.postJson("/api/v1/auth/signup", null,
                "{\"email\":\"" + email + "\",\"password\":\"a good long password\",\"name\":\"Late\"}");
        assertThat(signup.statusCode()).isEqualTo(403);
        assertThat(AppProcess.field(signup.body(), "code")).isEqualTo("signup_closed");
        assertThat(count("postgres", "SELECT count(*) FROM account WHERE email = ?", email)).isZero();
    }

    @Test
    void aSessionEndsWhenItsTtlHasPassed() throws Exception {
        HttpResponse<String> login = first.postJson("/api/v1/auth/login", null,
                "{\"email\":\"" + Gazette.ADMIN + "\",\"password\":\"" + Gazette.ADMIN_PASSWORD + "\"}");
        String token = AppProcess.field(login.body(), "token");
        Instant expiresAt = Instant.parse(AppProcess.field(login.body(), "expiresAt"));
        assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ZERO, SESSION_TTL);
        assertThat(first.get("/api/v1/me", token).statusCode()).isEqualTo(200);

        Awaitility.await("the session ends").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> first.get("/api/v1/me", token).statusCode() == 401);
        assertThat(Instant.now()).as("not before its time").isAfterOrEqualTo(expiresAt.minusSeconds(1));
        // and on the other instance alike
        assertThat(second.get("/api/v1/me", token).statusCode()).isEqualTo(401);
    }

    @Test
    void aConfirmationLinkExpiresAfterItsTtl() throws Exception {
        String slug = publication(first, adminToken);
        String late = "late-" + UUID.randomUUID() + "@example.com";
        String prompt = "prompt-" + UUID.randomUUID() + "@example.com";
        for (String email : List.of(late, prompt)) {
            assertThat(first.postJson("/p/" + slug + "/subscribe", null, "{\"email\":\"" + email + "\"}").statusCode())
                    .isEqualTo(202);
        }
        Instant asked = Instant.now();
        String lateLink = link(mailTo(late), "confirm");
        // followed at once, the link's page confirms with its button
        assertThat(MailedLinks.confirm(first, first, link(mailTo(prompt), "confirm")).statusCode()).isEqualTo(200);
        assertThat(status(prompt)).isEqualTo("active");

        // followed after its TTL, it confirms nothing
        Instant expired = asked.plus(CONFIRM_TTL).plusSeconds(2);
        Awaitility.await().atMost(CONFIRM_TTL.plusSeconds(10)).until(() -> Instant.now().isAfter(expired));
        HttpResponse<String> tooLate = get(second, lateLink);
        assertThat(tooLate.statusCode()).isEqualTo(404);
        assertThat(tooLate.body()).doesNotContain(late);
        assertThat(status(late)).isEqualTo("pending");
    }

    @Test
    void theStatsWindowIsTheConfiguredNumberOfDays() throws Exception {
        String slug = publication(first, adminToken);
        HttpResponse<String> stats = first.get("/api/v1/publications/" + slug + "/stats", adminToken);
        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(occurrences(stats.body(), "\"day\":")).isEqualTo(7);
        String csv = first.get("/api/v1/publications/" + slug + "/stats/growth.csv", adminToken).body();
        assertThat(csv.lines().count()).isEqualTo(1 + 7);
        HttpResponse<String> platform = first.get("/api/v1/admin/stats", adminToken);
        assertThat(platform.statusCode()).isEqualTo(200);
        String volume = platform.body().substring(platform.body().indexOf("\"volume\""));
        assertThat(occurrences(volume.substring(0, volume.indexOf(']')), "\"day\":")).isEqualTo(7);
    }

    /**
     * ADR 4: a link mailed by one instance works on another and after a restart; with
     * {@code GAZETTE_SECRET} it is signed with that secret (and no key is generated), without one
     * with the key generated once and kept in the database.
     */
    @Test
    void mailedLinksWorkOnAnotherInstanceAndAfterARestart() throws Exception {
        String unkeyedAdmin = apiToken(unkeyed);
        String keyedEmail = sendIssue(first, adminToken, "keyed");
        String unkeyedEmail = sendIssue(unkeyed, unkeyedAdmin, "unkeyed");
        CapturedMessage keyedMail = mailTo(keyedEmail);
        CapturedMessage unkeyedMail = mailTo(unkeyedEmail);

        String preferences = link(keyedMail, "preferences");
        SignedTokens withSecret = new SignedTokens(Optional.of(SECRET), null, Clock.systemUTC());
        assertThat(withSecret.verify("subscriber-preferences", preferences.substring(preferences.lastIndexOf('/') + 1)))
                .as("signed with GAZETTE_SECRET").isPresent();
        String signingKey = "SELECT count(*) FROM platform_secret WHERE name = 'token-signing'";
        assertThat(count("postgres", signingKey)).as("no signing key generated").isZero();
        assertThat(count("unkeyed", signingKey)).as("one signing key generated").isOne();
        String unkeyedPreferences = link(unkeyedMail, "preferences");
        assertThat(withSecret.verify("subscriber-preferences",
                unkeyedPreferences.substring(unkeyedPreferences.lastIndexOf('/') + 1))).isEmpty();

        // another instance
        assertThat(get(second, preferences).statusCode()).isEqualTo(200);

        // a restart of each
        first.close();
        unkeyed.close();
        Map<String, AppProcess> restarted = gazette.bootTogether(Map.of("first-restarted", KEYED,
                "unkeyed-restarted", unkeyed()));
        first = restarted.get("first-restarted");
        unkeyed = restarted.get("unkeyed-restarted");
        assertThat(get(first, preferences).statusCode()).isEqualTo(200);
        assertThat(get(unkeyed, unkeyedPreferences).statusCode()).isEqualTo(200);
        assertThat(first.post(link(keyedMail, "unsubscribe"), null, "application/x-www-form-urlencoded", "")
                .statusCode()).isEqualTo(200);
        assertThat(unkeyed.post(link(unkeyedMail, "unsubscribe"), null, "application/x-www-form-urlencoded", "")
                .statusCode()).isEqualTo(200);
        assertThat(text("postgres", "SELECT status FROM subscriber WHERE email = ?", keyedEmail)).isEqualTo("unsubscribed");
        assertThat(text("unkeyed", "SELECT status FROM subscriber WHERE email = ?", unkeyedEmail)).isEqualTo("unsubscribed");
        // a link altered by one character is still refused
        String forged = preferences.substring(0, preferences.length() - 1)
                + (preferences.endsWith("A") ? "B" : "A");
        assertThat(get(first, forged).statusCode()).isEqualTo(404);
    }

    private static final Map<String, String> KEYED = Map.of("GAZETTE_SECRET", SECRET);

    private static Map<String, String> unkeyed() {
        return Map.of("QUARKUS_DATASOURCE_JDBC_URL", gazette.jdbcUrl("unkeyed"));
    }

    private static String apiToken(AppProcess app) throws Exception {
        String session = app.login(Gazette.ADMIN, Gazette.ADMIN_PASSWORD);
        HttpResponse<String> created = app.postJson("/api/v1/me/tokens", session, "{\"name\":\"it\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        return AppProcess.field(created.body(), "token");
    }

    private static String publication(AppProcess app, String token) throws Exception {
        return AppScenario.as(() -> app, token).publication(0).slug;
    }

    /** An issue sent to a publication's one subscriber; returns the subscriber's address. */
    private static String sendIssue(AppProcess app, String token, String who) throws Exception {
        Publication p = AppScenario.as(() -> app, token).publication(0);
        String email = p.add(who);
        p.send();
        return email;
    }

    private static CapturedMessage mailTo(String email) {
        return relay.awaitMessageTo(email, Duration.ofSeconds(60));
    }

    private static String link(CapturedMessage message, String kind) {
        return MailedLinks.path(message, kind);
    }

    private static HttpResponse<String> get(AppProcess app, String path) throws Exception {
        return app.get(path, null);
    }

    private static String status(String email) {
        return text("postgres", "SELECT status FROM subscriber WHERE email = ?", email);
    }

    private static long occurrences(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    private static long count(String database, String sql, Object... args) {
        return Db.count(gazette.dataSource(database), sql, args);
    }

    private static String text(String database, String sql, Object... args) {
        return Db.text(gazette.dataSource(database), sql, args);
    }
}
