package dev.gazette.engagement;

import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
 * The studio's comments page: the moderation queue (approve, hide, show, pin, delete, reply as the
 * writer, block the author), per issue or across the publication, the blocked addresses, and who
 * may comment and whose comments wait for approval. Every action is a form with the CSRF token and
 * comes back to the queue where the writer was.
 */
@Path("/studio/publications/{slug}/comments")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class CommentsPage {

    static final int PAGE = 50;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** Where the queue was: its status tab, its issue and its page, kept through every action. */
    record Where(String status, long issue, Long before) {

        String query() {
            StringBuilder query = new StringBuilder("?status=").append(status);
            if (issue > 0) {
                query.append("&issue=").append(issue);
            }
            if (before != null) {
                query.append("&before=").append(before);
            }
            return query.toString();
        }
    }

    /** A comment as the queue shows it, with its time in the publication's zone. */
    record Shown(CommentQueue.Line line, String date) {
    }

    @CheckedTemplate(basePath = "engagement")
    static class Templates {
        static native TemplateInstance comments(String lang, PublicationRef publication, List<Shown> comments,
                Map<String, Long> counts, Where where, Long next, List<CommentQueue.IssueChoice> issues,
                List<CommentBlocks.Block> blocks, CommentModeration.Policy policy, String done, boolean saved,
                String csrf, boolean admin);
    }

    private final CommentQueue queue;
    private final CommentModeration moderation;
    private final CommentBlocks blocks;
    private final Publications publications;
    private final CurrentCaller caller;
    private final FormGuard guard;

    CommentsPage(CommentQueue queue, CommentModeration moderation, CommentBlocks blocks, Publications publications,
            CurrentCaller caller, FormGuard guard) {
        this.queue = queue;
        this.moderation = moderation;
        this.blocks = blocks;
        this.publications = publications;
        this.caller = caller;
        this.guard = guard;
    }

    /** The queue: {@code status} held, visible, hidden, pending or all (held when any waits, else all). */
    @GET
    public TemplateInstance show(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @QueryParam("status") String status, @QueryParam("issue") Long issue, @QueryParam("before") Long before,
            @QueryParam("saved") String saved, @QueryParam("done") String done) {
        String lang = Languages.of(languages);
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        long issueId = issue == null ? 0 : issue;
        Map<String, Long> counts = queue.counts(caller.get(), slug, issueId);
        String tab = tab(status) ? status : counts.get("held") > 0 ? "held" : "all";
        List<CommentQueue.Line> page = queue.lines(caller.get(), slug, tab, issueId, before, PAGE + 1);
        ZoneId zone = ZoneId.of(publication.timeZone());
        List<Shown> shown = page.stream().limit(PAGE)
                .map(line -> new Shown(line, SHOWN.format(line.createdAt().atZone(zone)))).toList();
        Long next = page.size() > PAGE ? shown.get(PAGE - 1).line().id() : null;
        return Templates.comments(lang, publication, shown, counts, new Where(tab, issueId, before), next,
                queue.issues(caller.get(), slug), blocks.list(caller.get(), slug), moderation.policy(caller.get(), slug),
                done, saved != null, guard.token(), caller.get().isAdmin()).setLocale(lang);
    }

    /**
     * Who may comment ({@code commentPolicy}) and whose comments are held ({@code commentModeration},
     * unchanged when absent). A value other than the listed ones is refused with the API's problem
     * ({@code invalid_policy}, {@code invalid_moderation}); nothing changes.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("slug") String slug, @RestForm String csrf, @RestForm String commentPolicy,
            @RestForm String commentModeration) {
        guard.check(csrf);
        moderation.setPolicy(caller.get(), slug, commentPolicy, commentModeration);
        return Response.seeOther(URI.create("/studio/publications/" + slug + "/comments?saved=1#settings")).build();
    }

    /**
     * One action on a comment: {@code approve} or {@code show} (published), {@code hide}, {@code pin},
     * {@code unpin}, {@code delete}, {@code block} (its author), or {@code reply} with {@code body}.
     */
    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response act(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String csrf,
            @RestForm String action, @RestForm String body, @RestForm Long issueId, @RestForm String status,
            @RestForm Long issue, @RestForm Long before) {
        guard.check(csrf);
        String done = switch (action == null ? "" : action) {
            case "approve", "show" -> {
                moderation.moderate(caller.get(), slug, id, "visible", null);
                yield "approved";
            }
            case "hide" -> {
                moderation.moderate(caller.get(), slug, id, "hidden", null);
                yield "hidden";
            }
            case "pin", "unpin" -> {
                moderation.moderate(caller.get(), slug, id, null, "pin".equals(action));
                yield "pin".equals(action) ? "pinned" : "unpinned";
            }
            case "delete" -> {
                moderation.delete(caller.get(), slug, id);
                yield "deleted";
            }
            case "block" -> {
                blocks.blockAuthor(caller.get(), slug, id);
                yield "blocked";
            }
            case "reply" -> {
                moderation.reply(caller.get(), slug, issueId == null ? 0 : issueId, id, body);
                yield "replied";
            }
            default -> throw dev.gazette.core.DomainException.invalidField("action", "invalid_action",
                    "must be approve, show, hide, pin, unpin, delete, block or reply");
        };
        return back(slug, status, issue, before, done, "#comment-" + id);
    }

    /** Blocks an address typed by the writer. */
    @POST
    @Path("blocks")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response block(@PathParam("slug") String slug, @RestForm String csrf, @RestForm String email) {
        guard.check(csrf);
        blocks.blockAddress(caller.get(), slug, email);
        return back(slug, null, null, null, "blocked", "#blocks");
    }

    @POST
    @Path("blocks/{id}/unblock")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response unblock(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String csrf) {
        guard.check(csrf);
        blocks.unblock(caller.get(), slug, id);
        return back(slug, null, null, null, "unblocked", "#blocks");
    }

    private static boolean tab(String status) {
        return status != null && (CommentQueue.STATUSES.contains(status) || "all".equals(status));
    }

    private static Response back(String slug, String status, Long issue, Long before, String done, String anchor) {
        String tab = tab(status) ? status : "all";
        String query = new Where(tab, issue == null ? 0 : issue, before).query() + "&done=" + done;
        return Response.seeOther(URI.create("/studio/publications/" + slug + "/comments" + query + anchor)).build();
    }
}
