package dev.gazette.engagement;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * What readers sent the writer privately, in the studio: the notes inbox (newest first, read or
 * not, marked read or unread by the writer) and the tips ledger (each tip with its issue, coffees,
 * money, message, status and refunds, and the totals per month). Both page by id, never by offset.
 */
@Path("/studio/publications/{slug}")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class ReaderInboxPages {

    static final int PAGE = 50;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** A note as the inbox shows it. */
    record NoteLine(long id, String email, String message, String date, boolean read) {
    }

    /** A tip as the ledger shows it, its money written as readers of the page's language write it. */
    record TipRow(long id, String date, String issueTitle, int coffees, String amount, String refunded, String kept,
            String name, String message, String status) {
    }

    /** A month's totals in one currency. */
    record MonthRow(String month, long tips, long coffees, String paid, String refunded, String kept) {
    }

    @CheckedTemplate(basePath = "engagement")
    static class Templates {
        static native TemplateInstance notes(String lang, PublicationRef publication, List<NoteLine> notes, long unread,
                boolean unreadOnly, Long next, String csrf, boolean admin);

        static native TemplateInstance tips(String lang, PublicationRef publication, List<TipRow> tips,
                List<MonthRow> months, String status, Long next, boolean admin, String csrf);
    }

    private final NoteService notes;
    private final TipLedger ledger;
    private final Publications publications;
    private final CurrentCaller caller;
    private final FormGuard guard;

    ReaderInboxPages(NoteService notes, TipLedger ledger, Publications publications, CurrentCaller caller,
            FormGuard guard) {
        this.notes = notes;
        this.ledger = ledger;
        this.publications = publications;
        this.caller = caller;
        this.guard = guard;
    }

    @GET
    @Path("notes")
    public TemplateInstance inbox(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @QueryParam("unread") String unread, @QueryParam("before") Long before) {
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        boolean unreadOnly = unread != null;
        List<EngagementViews.NoteView> page = notes.inbox(caller.get(), slug, unreadOnly, before, PAGE + 1);
        ZoneId zone = ZoneId.of(publication.timeZone());
        List<NoteLine> lines = page.stream().limit(PAGE)
                .map(n -> new NoteLine(n.id(), n.email(), n.message(), shown(n.confirmedAt(), zone), n.readAt() != null))
                .toList();
        Long next = page.size() > PAGE ? lines.get(PAGE - 1).id() : null;
        String lang = Languages.of(languages);
        return Templates.notes(lang, publication, lines, notes.unread(caller.get(), slug), unreadOnly, next,
                guard.token(), caller.get().isAdmin()).setLocale(lang);
    }

    /** Marks a note read ({@code read=true}) or unread, then back to the inbox where the writer was. */
    @POST
    @Path("notes/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response mark(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String csrf,
            @RestForm String read, @RestForm String back) {
        guard.check(csrf);
        notes.mark(caller.get(), slug, id, "true".equals(read));
        String inbox = "/studio/publications/" + slug + "/notes";
        String target = back != null && back.startsWith(inbox) && !back.contains("//") ? back : inbox;
        return Response.seeOther(URI.create(target + "#note-" + id)).build();
    }

    @GET
    @Path("tips")
    public TemplateInstance tips(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @QueryParam("status") String status, @QueryParam("before") Long before) {
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        List<TipLedger.Line> page = ledger.lines(caller.get(), slug, status, before, PAGE + 1);
        ZoneId zone = ZoneId.of(publication.timeZone());
        String lang = Languages.of(languages);
        List<TipRow> lines = page.stream().limit(PAGE).map(t -> new TipRow(t.id(),
                shown(t.paidAt() != null ? t.paidAt() : t.createdAt(), zone), t.issueTitle(), t.coffees(),
                money(t.amount(), t.currency(), lang), money(t.refunded(), t.currency(), lang),
                money(t.net(), t.currency(), lang), t.name(), t.message(), t.status())).toList();
        List<MonthRow> months = ledger.months(caller.get(), slug).stream().map(m -> new MonthRow(m.month(), m.tips(),
                m.coffees(), money(m.amount(), m.currency(), lang), money(m.refunded(), m.currency(), lang),
                money(m.net(), m.currency(), lang))).toList();
        Long next = page.size() > PAGE ? lines.get(PAGE - 1).id() : null;
        return Templates.tips(lang, publication, lines, months, status == null ? "" : status, next,
                caller.get().isAdmin(), guard.token()).setLocale(lang);
    }

    private static String money(java.math.BigDecimal amount, String currency, String lang) {
        return EngagementSections.price(amount, currency, lang);
    }

    private static String shown(Instant at, ZoneId zone) {
        return at == null ? "" : SHOWN.format(at.atZone(zone));
    }
}
