package dev.gazette.issue;

import java.net.URI;
import java.util.List;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.DomainException;
import dev.gazette.issue.IssueRequests.CreateIssue;
import dev.gazette.issue.IssueRequests.Send;
import dev.gazette.issue.IssueRequests.TestSend;
import dev.gazette.issue.IssueRequests.UpdateIssue;

/** A publication's issues: {@code /api/v1/publications/{slug}/issues}. */
@Path("/api/v1/publications/{slug}/issues")
@Authenticated
class IssueResource {

    private final IssueService issues;
    private final IssueSending sending;
    private final CurrentCaller caller;

    IssueResource(IssueService issues, IssueSending sending, CurrentCaller caller) {
        this.issues = issues;
        this.sending = sending;
        this.caller = caller;
    }

    @POST
    public Response create(@PathParam("slug") String slug, @NotNull @Valid CreateIssue request) {
        IssueView created = issues.create(caller.get(), slug, request);
        return Response.created(URI.create("/api/v1/publications/" + slug + "/issues/" + created.id()))
                .entity(created).build();
    }

    @GET
    public List<IssueView> list(@PathParam("slug") String slug) {
        return issues.list(caller.get(), slug);
    }

    @GET
    @Path("/{id}")
    public IssueView get(@PathParam("slug") String slug, @PathParam("id") long id) {
        return issues.get(caller.get(), slug, id);
    }

    @PATCH
    @Path("/{id}")
    public IssueView update(@PathParam("slug") String slug, @PathParam("id") long id,
            @NotNull @Valid UpdateIssue request) {
        return issues.update(caller.get(), slug, id, request);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("slug") String slug, @PathParam("id") long id) {
        issues.delete(caller.get(), slug, id);
        return Response.noContent().build();
    }

    /**
     * The issue as the sample subscriber receives it. The HTML is a writer's content on our origin:
     * it is sandboxed (no script, no same-origin access) by its Content-Security-Policy.
     */
    @GET
    @Path("/{id}/preview")
    public Response preview(@PathParam("slug") String slug, @PathParam("id") long id,
            @QueryParam("format") @DefaultValue("html") String format) {
        if (!format.equals("html") && !format.equals("text")) {
            throw DomainException.invalidField("format", "invalid_format", "must be html or text");
        }
        RenderedIssue rendered = sending.preview(caller.get(), slug, id);
        Response.ResponseBuilder answer = format.equals("html")
                ? Response.ok(rendered.html(), "text/html; charset=UTF-8")
                        .header("Content-Security-Policy",
                                "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'")
                : Response.ok(rendered.text(), "text/plain; charset=UTF-8");
        answer.header("X-Gazette-Html-Bytes", rendered.htmlBytes()).header("X-Content-Type-Options", "nosniff");
        if (!rendered.warnings().isEmpty()) {
            answer.header("X-Gazette-Warnings", String.join(",", rendered.warnings()));
        }
        return answer.build();
    }

    @POST
    @Path("/{id}/test")
    public IssueSending.TestSendResult test(@PathParam("slug") String slug, @PathParam("id") long id,
            @NotNull @Valid TestSend request) {
        return sending.test(caller.get(), slug, id, request.to());
    }

    @POST
    @Path("/{id}/send")
    public Response send(@PathParam("slug") String slug, @PathParam("id") long id, @Valid Send request) {
        return Response.accepted(sending.send(caller.get(), slug, id, request)).build();
    }

    @POST
    @Path("/{id}/cancel")
    public IssueView cancel(@PathParam("slug") String slug, @PathParam("id") long id) {
        return sending.cancel(caller.get(), slug, id);
    }
}
