package dev.gazette.embedded;

import java.time.Instant;
import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.gazette.core.DomainException;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;

/**
 * The outbox: what the embedded SMTP catcher received, for admins. A page at
 * {@code /admin/outbox} and the same as JSON at {@code /api/v1/admin/outbox}.
 */
@Path("/")
@RolesAllowed("admin")
class OutboxResource {

    /** The most messages the page lists, newest first; the JSON list has them all. */
    static final int PAGE = 500;

    private final EmbeddedConfig config;
    private final FormGuard guard;

    OutboxResource(EmbeddedConfig config, FormGuard guard) {
        this.config = config;
        this.guard = guard;
    }

    private static final java.time.format.DateTimeFormatter SHOWN = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    record Summary(long id, Instant receivedAt, String from, List<String> to, String subject) {
        public String received() {
            return SHOWN.format(receivedAt);
        }

        static Summary of(CapturedMessage m) {
            return new Summary(m.id(), m.receivedAt(), m.from(), m.recipients(), m.subject());
        }
    }

    record Detail(long id, Instant receivedAt, String envelopeFrom, List<String> to, String subject,
            List<CapturedMessage.HeaderLine> headers, String html, String text, int size) {
        public String received() {
            return SHOWN.format(receivedAt);
        }

        static Detail of(CapturedMessage m) {
            return new Detail(m.id(), m.receivedAt(), m.envelopeFrom(), m.recipients(), m.subject(), m.headers(),
                    m.htmlPart().orElse(null), m.textPart().orElse(null), m.raw().length);
        }
    }

    @CheckedTemplate(basePath = "outbox")
    static class Templates {
        static native TemplateInstance list(String lang, boolean running, int capacity, List<Summary> messages,
                String csrf);

        static native TemplateInstance message(String lang, Detail message, String csrf);
    }

    @GET
    @Path("/api/v1/admin/outbox")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Summary> list() {
        return catcher().messages().stream().map(Summary::of).toList();
    }

    @GET
    @Path("/api/v1/admin/outbox/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Detail message(@PathParam("id") long id) {
        return Detail.of(find(id));
    }

    @GET
    @Path("/admin/outbox")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance listPage(@HeaderParam("Accept-Language") String languages) {
        String lang = Languages.of(languages);
        boolean running = SmtpCatcher.running().isPresent();
        // the newest page of what is kept: a catcher kept large (the tests keep 20,000) stays readable
        List<Summary> messages = running ? list().stream().limit(PAGE).toList() : List.of();
        return Templates.list(lang, running, config.smtp().capacity(), messages, guard.token()).setLocale(lang);
    }

    @GET
    @Path("/admin/outbox/{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance messagePage(@HeaderParam("Accept-Language") String languages, @PathParam("id") long id) {
        String lang = Languages.of(languages);
        return Templates.message(lang, Detail.of(find(id)), guard.token()).setLocale(lang);
    }

    private static CapturedMessage find(long id) {
        return catcher().message(id).orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND,
                "message_not_found", "The outbox has no such message (it keeps only the latest ones)"));
    }

    private static SmtpCatcher catcher() {
        return SmtpCatcher.running().orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND,
                "outbox_off", "The embedded SMTP catcher is off: mail goes to the configured relay"));
    }
}
