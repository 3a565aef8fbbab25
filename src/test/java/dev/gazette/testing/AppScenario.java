package dev.gazette.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;

import dev.gazette.embedded.CapturedMessage;

/**
 * {@link Scenario} for a packaged instance ({@link AppProcess}): a writer, their publications with
 * imported subscribers, issues, sends, and waiting for a send's status, over HTTP. The instance is
 * asked for on every call, so a scenario outlives a restart ({@code gazette::app}). Every
 * publication has a unique slug, and its subscribers' addresses start with it, so a test reads only
 * its own messages from the relay.
 */
public final class AppScenario {

    /** Long enough for a thousand messages on a loaded 2-core machine. */
    public static final Duration SEND_TIMEOUT = Duration.ofMinutes(2);
    public static final String WRITER_PASSWORD = "writer password for the IT";

    private final Supplier<AppProcess> app;
    private final String token;
    private final String email;

    private AppScenario(Supplier<AppProcess> app, String token, String email) {
        this.app = app;
        this.token = token;
        this.email = email;
    }

    /** A new writer, signed up and logged in on this instance. */
    public static AppScenario writer(Supplier<AppProcess> app) throws Exception {
        String email = "writer-" + UUID.randomUUID().toString().substring(0, 8) + "@it.example.com";
        HttpResponse<String> signup = app.get().postJson("/api/v1/auth/signup", null, "{\"email\":\"" + email
                + "\",\"password\":\"" + WRITER_PASSWORD + "\",\"name\":\"Writer\"}");
        assertThat(signup.statusCode()).as(signup.body()).isEqualTo(201);
        return new AppScenario(app, app.get().login(email, WRITER_PASSWORD), email);
    }

    /** The fixture's admin ({@link Gazette#ADMIN}), logged in on this instance. */
    public static AppScenario admin(Supplier<AppProcess> app) throws Exception {
        return new AppScenario(app, app.get().login(Gazette.ADMIN, Gazette.ADMIN_PASSWORD), Gazette.ADMIN);
    }

    /** An account a test already has a token of. */
    public static AppScenario as(Supplier<AppProcess> app, String token) {
        return new AppScenario(app, token, null);
    }

    public String token() {
        return token;
    }

    /** The account's login address (null for an account a test only has a token of): where its test sends may go. */
    public String email() {
        return email;
    }

    /** A new publication (sender {@code letters@it.example.com}) with {@code n} subscribers and a draft issue. */
    public Publication publication(int n) throws Exception {
        return new Publication(n, slug -> "letters@it.example.com");
    }

    /** {@link #publication(int)} with this sender address. */
    public Publication publication(int n, String senderEmail) throws Exception {
        return new Publication(n, slug -> senderEmail);
    }

    /** {@link #publication(int)} with a sender address of its own, {@code <slug>@senders.example.com}. */
    public Publication publicationWithOwnSender(int n) throws Exception {
        return new Publication(n, slug -> slug + "@senders.example.com");
    }

    /** One publication of the scenario's writer: its subscribers, its first issue ({@link #issueId}) and more. */
    public final class Publication {
        public final String slug = "it-" + UUID.randomUUID().toString().substring(0, 8);
        public final String sender;
        /** The subscribers' addresses, each {@code <slug>-<n or name>@readers.example.com}. */
        public final List<String> addresses = new ArrayList<>();
        public final long issueId;

        private Publication(int n, Function<String, String> sender) throws Exception {
            this.sender = sender.apply(slug);
            HttpResponse<String> created = app.get().postJson("/api/v1/publications", token, "{\"slug\":\"" + slug
                    + "\",\"name\":\"IT " + slug + "\",\"locale\":\"en\",\"senderName\":\"IT\",\"senderEmail\":\""
                    + this.sender + "\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            if (n > 0) {
                StringBuilder csv = new StringBuilder("email,name\n");
                for (int i = 0; i < n; i++) {
                    String address = slug + "-" + i + "@readers.example.com";
                    addresses.add(address);
                    csv.append(address).append(",Reader ").append(i).append('\n');
                }
                HttpResponse<String> imported = app.get().post("/api/v1/publications/" + slug + "/subscribers/import",
                        token, "text/csv", csv.toString());
                assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
                assertThat(AppProcess.field(imported.body(), "created")).isEqualTo(Integer.toString(n));
            }
            issueId = issue("first");
        }

        /** Adds one subscriber through the API and returns their address. */
        public String add(String name) throws Exception {
            String address = slug + "-" + name + "@readers.example.com";
            HttpResponse<String> created = app.get().postJson("/api/v1/publications/" + slug + "/subscribers", token,
                    "{\"email\":\"" + address + "\",\"name\":\"" + name + "\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            addresses.add(address);
            return address;
        }

        /** A new draft of this slug; returns its id. */
        public long issue(String issueSlug) throws Exception {
            HttpResponse<String> created = app.get().postJson("/api/v1/publications/" + slug + "/issues", token,
                    "{\"title\":\"Issue " + issueSlug + "\",\"slug\":\"" + issueSlug
                            + "\",\"bodyMarkdown\":\"# Hello\\n\\nA short letter.\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            return Long.parseLong(AppProcess.field(created.body(), "id"));
        }

        /** The API path of the first issue, with this suffix ({@code /send}, {@code /progress}...). */
        public String path(String suffix) {
            return path(issueId, suffix);
        }

        public String path(long issue, String suffix) {
            return "/api/v1/publications/" + slug + "/issues/" + issue + suffix;
        }

        /** A POST of this JSON to the first issue's path with this suffix, as the writer. */
        public HttpResponse<String> post(String suffix, String json) throws Exception {
            return app.get().postJson(path(suffix), token, json);
        }

        /** The first issue's {@code /progress}. */
        public String progress() throws Exception {
            return app.get().get(path("/progress"), token).body();
        }

        /** Starts the send of the first issue (202). */
        public void send() throws Exception {
            send(issueId);
        }

        public void send(long issue) throws Exception {
            HttpResponse<String> sent = app.get().postJson(path(issue, "/send"), token, "{}");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        }

        /** Resumes the paused send of the first issue (202). */
        public void resume() throws Exception {
            HttpResponse<String> resumed = post("/resume", "{}");
            assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
        }

        /** Waits until the first issue's send has this status. */
        public void await(String status) {
            await(issueId, status, SEND_TIMEOUT);
        }

        public void await(String status, Duration within) {
            await(issueId, status, within);
        }

        public void await(long issue, String status) {
            await(issue, status, SEND_TIMEOUT);
        }

        /** Waits until this issue's send has this status; an instance not answering yet is asked again. */
        public void await(long issue, String status, Duration within) {
            Awaitility.await("issue " + issue + " is " + status).atMost(within).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> app.get().get(path(issue, "/progress"), token).body(),
                            containsString("\"status\":\"" + status + "\""));
        }

        /** How many of these messages went to this publication's subscribers. */
        public long received(List<CapturedMessage> messages) {
            return ofThis(messages).size();
        }

        /** These messages that went to this publication's subscribers. */
        public List<CapturedMessage> ofThis(List<CapturedMessage> messages) {
            return messages.stream().filter(m -> m.recipients().stream().anyMatch(r -> r.startsWith(slug + "-"))).toList();
        }

        /** How many of these messages each of this publication's subscribers got. */
        public Map<String, Long> perAddress(List<CapturedMessage> messages) {
            return messages.stream().flatMap(m -> m.recipients().stream()).filter(r -> r.startsWith(slug + "-"))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        }
    }
}
