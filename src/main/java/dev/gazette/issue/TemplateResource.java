package dev.gazette.issue;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.gazette.account.CurrentCaller;
import dev.gazette.issue.IssueRequests.SaveTemplate;
import dev.gazette.issue.TemplateService.TemplateView;

/** A publication's writer templates: {@code /api/v1/publications/{slug}/templates}. */
@Path("/api/v1/publications/{slug}/templates")
@Authenticated
class TemplateResource {

    /** A refused template: the problem document, with where in the source. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TemplateProblem(String type, String title, int status, String detail, String code, int line, int column) {
    }

    private final TemplateService templates;
    private final CurrentCaller caller;

    TemplateResource(TemplateService templates, CurrentCaller caller) {
        this.templates = templates;
        this.caller = caller;
    }

    @POST
    public Response create(@PathParam("slug") String slug, @NotNull @Valid SaveTemplate request) {
        TemplateView created = templates.create(caller.get(), slug, request);
        return Response.created(URI.create("/api/v1/publications/" + slug + "/templates/" + created.id()))
                .entity(created).build();
    }

    @GET
    public List<TemplateView> list(@PathParam("slug") String slug) {
        return templates.list(caller.get(), slug);
    }

    @GET
    @Path("/{id}")
    public TemplateView get(@PathParam("slug") String slug, @PathParam("id") long id) {
        return templates.get(caller.get(), slug, id);
    }

    @PUT
    @Path("/{id}")
    public TemplateView update(@PathParam("slug") String slug, @PathParam("id") long id,
            @NotNull @Valid SaveTemplate request) {
        return templates.update(caller.get(), slug, id, request);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("slug") String slug, @PathParam("id") long id) {
        templates.delete(caller.get(), slug, id);
        return Response.noContent().build();
    }

    @ServerExceptionMapper
    Response rejected(SandboxedQute.Rejected e) {
        return Response.status(422).type("application/problem+json")
                .entity(new TemplateProblem("urn:gazette:problem:" + e.code, "Unprocessable Content", 422,
                        e.getMessage(), e.code, e.line, e.column))
                .build();
    }
}
