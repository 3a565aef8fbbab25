package dev.gazette.issue;

import java.net.URI;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;
import dev.gazette.issue.IssueRequests.CreateIssue;

/** The studio's "new issue" button: an untitled draft, opened in the editor. */
@Path("/studio/publications/{slug}/new-issue")
@Authenticated
class NewIssuePage {

    private final IssueService issues;
    private final CurrentCaller caller;
    private final FormGuard guard;

    NewIssuePage(IssueService issues, CurrentCaller caller, FormGuard guard) {
        this.issues = issues;
        this.caller = caller;
        this.guard = guard;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @RestForm String csrf) {
        guard.check(csrf);
        String title = "ko".equals(Languages.of(languages)) ? "제목 없는 레터" : "Untitled issue";
        IssueView draft = issues.create(caller.get(), slug, new CreateIssue(title, null, null, null, "", null, null, null));
        return Response.seeOther(URI.create("/studio/publications/" + slug + "/issues/" + draft.id() + "/edit")).build();
    }
}
