package dev.gazette.audit;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.core.AdminText;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;

/**
 * The audit log for admins: newest first, filtered by who acted (their address or its start),
 * what they did, the publication and the UTC days; fifty lines a page, the next page by id.
 */
@Path("/admin/audit")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
class AuditLogPage {

    /** A line as the page shows it, with its action in the page's words. */
    record Shown(AuditLog.Line line, String words) {
    }

    /** The filters as typed, to fill the form again and build the next page's link. */
    record Typed(String actor, String action, String publication, String from, String to) {
        public String query() {
            return "actor=" + encode(actor) + "&action=" + encode(action) + "&publication=" + encode(publication)
                    + "&from=" + encode(from) + "&to=" + encode(to);
        }

        private static String encode(String value) {
            return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** An action and its words, for the filter's choices. */
    record Choice(String code, String words) {
    }

    @CheckedTemplate(basePath = "admin")
    static class Templates {
        static native TemplateInstance audit(String lang, Typed typed, List<Choice> actions, List<Shown> lines,
                Long next, String error, String csrf);
    }

    private final AuditLog log;
    private final FormGuard guard;

    AuditLogPage(AuditLog log, FormGuard guard) {
        this.log = log;
        this.guard = guard;
    }

    @GET
    public Response show(@HeaderParam("Accept-Language") String languages, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("publication") String publication,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("before") Long before) {
        String lang = Languages.of(languages);
        AdminText text = Languages.admin(lang);
        Typed typed = new Typed(orEmpty(actor), orEmpty(action), orEmpty(publication), orEmpty(from), orEmpty(to));
        List<Choice> actions = Arrays.stream(AuditAction.values()).map(a -> new Choice(a.name(), words(text, a))).toList();
        AuditLog.Filter filter;
        try {
            filter = new AuditLog.Filter(blankToNull(actor), action(action), blankToNull(publication), day(from), day(to),
                    before);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // a filter the page did not offer: said in words, with nothing listed
            return Response.status(400).entity(Templates.audit(lang, typed, actions, List.of(), null,
                    text.admin_badFilter(), guard.token()).setLocale(lang)).build();
        }
        AuditLog.Page page = log.read(filter);
        List<Shown> lines = page.lines().stream().map(l -> new Shown(l, words(text, l.action()))).toList();
        return Response.ok(Templates.audit(lang, typed, actions, lines, page.next().orElse(null), null, guard.token())
                .setLocale(lang)).build();
    }

    /** The action in the page's language. */
    static String words(AdminText text, AuditAction action) {
        return switch (action) {
            case account_disabled -> text.action_account_disabled();
            case account_enabled -> text.action_account_enabled();
            case account_role_changed -> text.action_account_role_changed();
            case account_sessions_revoked -> text.action_account_sessions_revoked();
            case publication_created -> text.action_publication_created();
            case publication_updated -> text.action_publication_updated();
            case publication_deleted -> text.action_publication_deleted();
            case publication_suspended -> text.action_publication_suspended();
            case publication_reinstated -> text.action_publication_reinstated();
            case issue_sent -> text.action_issue_sent();
            case issue_scheduled -> text.action_issue_scheduled();
            case issue_cancelled -> text.action_issue_cancelled();
            case send_paused -> text.action_send_paused();
            case send_resumed -> text.action_send_resumed();
            case subscribers_imported -> text.action_subscribers_imported();
            case subscriber_erased -> text.action_subscriber_erased();
            case subscriber_unsubscribed -> text.action_subscriber_unsubscribed();
            case footer_page_published -> text.action_footer_page_published();
            case comment_policy_changed -> text.action_comment_policy_changed();
            case comment_author_blocked -> text.action_comment_author_blocked();
            case comment_author_unblocked -> text.action_comment_author_unblocked();
            case sequence_created -> text.action_sequence_created();
            case sequence_changed -> text.action_sequence_changed();
            case sequence_deleted -> text.action_sequence_deleted();
            case guard_overridden -> text.action_guard_overridden();
            case sender_domain_revoked -> text.action_sender_domain_revoked();
            case segment_created -> text.action_segment_created();
            case segment_changed -> text.action_segment_changed();
            case segment_deleted -> text.action_segment_deleted();
            case subject_test_winner_picked -> text.action_subject_test_winner_picked();
            case feed_followed -> text.action_feed_followed();
            case feed_changed -> text.action_feed_changed();
            case feed_unfollowed -> text.action_feed_unfollowed();
            case member_refunded -> text.action_member_refunded();
            case plan_price_changed -> text.action_plan_price_changed();
        };
    }

    private static AuditAction action(String code) {
        return code == null || code.isBlank() ? null : AuditAction.valueOf(code.strip());
    }

    private static LocalDate day(String text) {
        return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
