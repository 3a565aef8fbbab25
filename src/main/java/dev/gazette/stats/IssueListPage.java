package dev.gazette.stats;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;

/** A publication's issues in the studio: search by title, a page at a time, sends in progress counting up in place. */
@Path("/studio/publications/{slug}/issues")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class IssueListPage {

    @CheckedTemplate(basePath = "stats")
    static class Templates {
        static native TemplateInstance issues(String lang, IssueList.Page page, boolean admin, String csrf);
    }

    private final IssueList issues;
    private final CurrentCaller caller;
    private final FormGuard guard;

    IssueListPage(IssueList issues, CurrentCaller caller, FormGuard guard) {
        this.issues = issues;
        this.caller = caller;
        this.guard = guard;
    }

    @GET
    public TemplateInstance list(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @QueryParam("q") String query, @QueryParam("page") @DefaultValue("1") int page) {
        var who = caller.get();
        String lang = Languages.of(languages);
        return Templates.issues(lang, issues.of(who, slug, query, page), who.isAdmin(), guard.token()).setLocale(lang);
    }
}
