package dev.gazette.engagement;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.core.ClientAddresses;
import dev.gazette.core.FormGuard;
import dev.gazette.core.RateLimiter;
import dev.gazette.publication.PublicationRef;

/**
 * The pages a reader reaches from a link: the feedback page, the confirmations of a comment or a
 * note (each GET shows a button, only POST acts, so link scanners change nothing), the sandbox
 * checkout, and the platform's footer pages.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
class ReaderPages {

    @CheckedTemplate(basePath = "engagement")
    static class Templates {
        static native TemplateInstance notice(String lang, String title, String message, String back);

        static native TemplateInstance confirm(Words w, String publicationName, String csrf);

        static native TemplateInstance feedback(Words w, boolean preview, boolean recorded, String rating, String comment,
                String csrf);

        static native TemplateInstance checkout(Tip tip, String amount, String csrf, String back);

        static native TemplateInstance legal(LegalPages.Version page, RawString body);
    }

    private final FeedbackService feedback;
    private final CommentService comments;
    private final NoteService notes;
    private final TipService tips;
    private final LegalPages legal;
    private final ReaderLinks links;
    private final FormGuard guard;
    private final RateLimiter rateLimiter;
    private final EngagementConfig config;
    private final ClientAddresses clients;

    ReaderPages(FeedbackService feedback, CommentService comments, NoteService notes, TipService tips, LegalPages legal,
            ReaderLinks links, FormGuard guard, RateLimiter rateLimiter, EngagementConfig config, ClientAddresses clients) {
        this.feedback = feedback;
        this.comments = comments;
        this.notes = notes;
        this.tips = tips;
        this.legal = legal;
        this.links = links;
        this.guard = guard;
        this.rateLimiter = rateLimiter;
        this.config = config;
        this.clients = clients;
    }

    /**
     * A feedback link of the email: the page with that rating preselected and one button, which
     * records it. The GET changes nothing, so a mail scanner that fetches all three links rates
     * nothing.
     */
    @GET
    @Path("feedback/{token}")
    public TemplateInstance rate(@PathParam("token") String token, @QueryParam("rating") String rating,
            @Context HttpServerRequest http) {
        rateLimiter.acquire("feedback", clients.of(http), config.feedbackPerMinute());
        FeedbackService.Recorded choice = feedback.choice(token, rating);
        Words w = Words.of(choice.publication() == null ? "en" : choice.publication().locale());
        return Templates.feedback(w, choice.publication() == null, false, choice.rating(), choice.comment(), guard.token());
    }

    /** The web-version, tip and comment links of an issue email: the web version, as this reader. */
    @GET
    @Path("feedback/{token}/{anchor:web|tip|comments}")
    public Response readerPage(@PathParam("token") String token, @PathParam("anchor") String anchor) {
        return Response.seeOther(java.net.URI.create(feedback.readerPage(token, anchor))).build();
    }

    /** The feedback page's button: records the rating and the optional words (no rating: words for the one given). */
    @POST
    @Path("feedback/{token}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance feedbackComment(@PathParam("token") String token, @FormParam("rating") String rating,
            @FormParam("comment") String comment, @FormParam("csrf") String csrf, @Context HttpServerRequest http) {
        guard.check(csrf);
        rateLimiter.acquire("feedback", clients.of(http), config.feedbackPerMinute());
        FeedbackService.Recorded recorded = rating == null || rating.isEmpty()
                ? feedback.comment(token, comment)
                : feedback.rate(token, rating, comment);
        Words w = Words.of(recorded.publication() == null ? "en" : recorded.publication().locale());
        return Templates.feedback(w, recorded.publication() == null, true, recorded.rating(), recorded.comment(),
                guard.token());
    }

    @GET
    @Path("comments/confirm/{token}")
    public TemplateInstance confirmCommentPage(@PathParam("token") String token) {
        Comment comment = comments.pending(token);
        PublicationRef publication = links.publicationById(comment.publicationId).orElseThrow(ReaderLinks::issueNotFound);
        return Templates.confirm(Words.of(publication.locale()), publication.name(), guard.token());
    }

    @POST
    @Path("comments/confirm/{token}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance confirmComment(@PathParam("token") String token, @FormParam("csrf") String csrf) {
        guard.check(csrf);
        Comment comment = comments.confirm(token);
        PublicationRef publication = links.publicationById(comment.publicationId).orElseThrow(ReaderLinks::issueNotFound);
        Words w = Words.of(publication.locale());
        return Templates.notice(w.lang(), w.confirmedTitle(),
                comment.status == Comment.Status.held ? w.commentHeld() : w.confirmedText(), "/p/" + publication.slug());
    }

    @GET
    @Path("notes/confirm/{token}")
    public TemplateInstance confirmNotePage(@PathParam("token") String token) {
        PublicationRef publication = notes.publicationOfLink(token);
        return Templates.confirm(Words.of(publication.locale()), publication.name(), guard.token());
    }

    @POST
    @Path("notes/confirm/{token}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance confirmNote(@PathParam("token") String token, @FormParam("csrf") String csrf) {
        guard.check(csrf);
        PublicationRef publication = notes.confirm(token);
        Words w = Words.of(publication.locale());
        return Templates.notice(w.lang(), w.confirmedTitle(), w.confirmedText(), "/p/" + publication.slug());
    }

    @GET
    @Path("checkout/sandbox/{id}")
    public TemplateInstance checkout(@PathParam("id") String id) {
        Tip tip = tips.sandboxTip(id);
        return Templates.checkout(tip, tip.amount.stripTrailingZeros().toPlainString(), guard.token(), null);
    }

    @POST
    @Path("checkout/sandbox/{id}/{answer:confirm|cancel}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance settle(@PathParam("id") String id, @PathParam("answer") String answer,
            @FormParam("csrf") String csrf) {
        guard.check(csrf);
        Tip tip = tips.settleSandbox(id, answer.equals("confirm"));
        return Templates.checkout(tip, tip.amount.stripTrailingZeros().toPlainString(), guard.token(),
                tips.returnUrl(tip));
    }

    @GET
    @Path("terms")
    public TemplateInstance terms() {
        return legalPage("terms");
    }

    @GET
    @Path("privacy")
    public TemplateInstance privacy() {
        return legalPage("privacy");
    }

    @GET
    @Path("terms/recurring")
    public TemplateInstance recurringTerms() {
        return legalPage("recurring-payments");
    }

    private TemplateInstance legalPage(String kind) {
        LegalPages.Version page = legal.current(kind);
        return Templates.legal(page, new RawString(page.bodyHtml()));
    }

}
