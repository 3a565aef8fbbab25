package dev.gazette.stats;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.gazette.account.CurrentCaller;

/** An issue's stats as JSON, for its writer (and admins). */
@Path("/api/v1/publications/{slug}/issues/{id}/stats")
@Authenticated
class IssueStatsResource {

    private final IssueStats issues;
    private final CurrentCaller caller;

    IssueStatsResource(IssueStats issues, CurrentCaller caller) {
        this.issues = issues;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public IssueStats.View get(@PathParam("slug") String slug, @PathParam("id") long id) {
        return issues.of(caller.get(), slug, id);
    }
}
