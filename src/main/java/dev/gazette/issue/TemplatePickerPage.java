package dev.gazette.issue;

import java.net.URI;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.FormGuard;
import dev.gazette.issue.IssueRequests.UpdateIssue;

/**
 * The editor's layout picker ({@code tags/templatePicker.html}): sets the template an issue's email
 * is laid out with, or the default layout for an empty choice or 0, then goes back to the editor.
 * It names no version: choosing a layout does not conflict with the text being edited elsewhere.
 */
@Path("/studio/publications/{slug}/issues/{id}/template")
@Authenticated
class TemplatePickerPage {

    private final IssueService issues;
    private final CurrentCaller caller;
    private final FormGuard guard;

    TemplatePickerPage(IssueService issues, CurrentCaller caller, FormGuard guard) {
        this.issues = issues;
        this.caller = caller;
        this.guard = guard;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response pick(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String csrf,
            @RestForm String templateId) {
        guard.check(csrf);
        issues.update(caller.get(), slug, id,
                new UpdateIssue(null, null, null, null, null, chosen(templateId), null, null, null));
        return Response.seeOther(URI.create("/studio/publications/" + slug + "/issues/" + id + "/edit")).build();
    }

    /** 0 is the default layout; anything that is not a number is no template of this publication. */
    private static long chosen(String templateId) {
        if (templateId == null || templateId.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(templateId.strip());
        } catch (NumberFormatException e) {
            throw IssueErrors.unknownTemplate();
        }
    }
}
